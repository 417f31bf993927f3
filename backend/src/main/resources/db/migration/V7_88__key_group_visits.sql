-- Key groups and visits (重点人群走访, issue #12 §3). A household with a person tagged with a key-group kind is
-- visited every N days (the smallest interval of its kinds, per county); its next visit is due at its last visit
-- plus that interval (at once when never visited). The due state lives on one row per household, kept by the
-- database itself when people's tags change (whoever writes them) and by the visit service when a visit is
-- recorded, so a grid worker's due list is one index scan ordered by next_due_at. Missed visits are supervised
-- like overdue incidents (yellow, red, 督办 up the tree), each mark once per household and cycle.

-- Follow-ups of visits become incidents with their own source.
ALTER TABLE incident DROP CONSTRAINT incident_source_check;
ALTER TABLE incident ADD CONSTRAINT incident_source_check
    CHECK (source IN ('GRID_REPORT', 'PATROL', 'RESIDENT', 'HOTLINE', 'ASSIGNED', 'OPEN311', 'VISIT'));

-- 走访周期: visit a household with a person of this kind every interval_days. county_id 0 holds the defaults
-- (and is the one list of key-group kinds); a county's own row overrides its default.
CREATE TABLE key_group_rule (
    county_id      bigint       NOT NULL,
    kind           varchar(24)  NOT NULL CHECK (kind IN ('ELDERLY_ALONE', 'DISABLED', 'LOW_INCOME', 'LEFT_BEHIND_CHILD')),
    interval_days  integer      NOT NULL CHECK (interval_days BETWEEN 1 AND 365),
    version        integer      NOT NULL DEFAULT 0,
    updated_by     bigint       REFERENCES app_user (id),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (county_id, kind)
);
INSERT INTO key_group_rule (county_id, kind, interval_days) VALUES
    (0, 'ELDERLY_ALONE', 7), (0, 'DISABLED', 14), (0, 'LOW_INCOME', 30), (0, 'LEFT_BEHIND_CHILD', 14);

-- The interval of a household of these kinds in this county: the smallest of its kinds' intervals.
CREATE FUNCTION key_group_interval(county bigint, kinds text[]) RETURNS integer
    LANGUAGE sql STABLE AS $$
    SELECT min(coalesce(c.interval_days, d.interval_days))
    FROM key_group_rule d LEFT JOIN key_group_rule c ON c.county_id = county AND c.kind = d.kind
    WHERE d.county_id = 0 AND d.kind = ANY (kinds)
$$;

-- THE due rule: the last visit plus the interval; a household never visited is due from the day it joined.
CREATE FUNCTION key_group_due(since timestamptz, last_visit timestamptz, interval_days integer) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN last_visit IS NULL THEN since ELSE last_visit + make_interval(days => interval_days) END
$$;

-- One row per household in a key group: its kinds, interval, last visit, next due and this cycle's supervision.
CREATE TABLE key_group_household (
    household_id     bigint       PRIMARY KEY REFERENCES household (id) ON DELETE CASCADE,
    building_id      bigint       NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    county_id        bigint       NOT NULL,
    kinds            text[]       NOT NULL,
    interval_days    integer      NOT NULL,
    -- in a key group since (the first visit is owed from then)
    since            timestamptz  NOT NULL,
    last_visit_at    timestamptz,
    next_due_at      timestamptz  NOT NULL,
    -- supervision of the current cycle (cleared when next_due_at moves): yellow, red, who pressed on it last
    warned_at        timestamptz,
    overdue_at       timestamptz,
    level            integer      NOT NULL DEFAULT 0,
    supervisor_path  ltree,
    escalated_at     timestamptz
);
-- the due list of a scope: the buildings in scope (region path GiST), then their households by due time
CREATE INDEX key_group_household_building_due_idx ON key_group_household (building_id, next_due_at, household_id);
-- the due list of a large scope and the scheduler: by due time
CREATE INDEX key_group_household_due_idx ON key_group_household (next_due_at, household_id);

-- Recomputes household h's key-group row from its people's tags (deleted when none is left in a key group).
CREATE FUNCTION key_group_refresh(h bigint) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    k text[];
    b bigint;
    c bigint;
    d integer;
BEGIN
    SELECT array_agg(DISTINCT t ORDER BY t) INTO k
    FROM person p CROSS JOIN LATERAL unnest(p.tags) AS t
    WHERE p.household_id = h AND t IN (SELECT kind FROM key_group_rule WHERE county_id = 0);
    IF k IS NULL THEN
        DELETE FROM key_group_household WHERE household_id = h;
        RETURN;
    END IF;
    SELECT hh.building_id, ltree2text(subpath(r.path, 0, 1))::bigint INTO b, c
    FROM household hh JOIN region r ON r.id = hh.building_id WHERE hh.id = h;
    IF b IS NULL THEN
        RETURN; -- the household is being deleted
    END IF;
    d := key_group_interval(c, k);
    INSERT INTO key_group_household AS g (household_id, building_id, county_id, kinds, interval_days, since, next_due_at)
    VALUES (h, b, c, k, d, now(), key_group_due(now(), NULL, d))
    ON CONFLICT (household_id) DO UPDATE SET
        building_id = EXCLUDED.building_id, county_id = EXCLUDED.county_id, kinds = EXCLUDED.kinds,
        interval_days = EXCLUDED.interval_days,
        next_due_at = key_group_due(g.since, g.last_visit_at, EXCLUDED.interval_days),
        warned_at = CASE WHEN key_group_due(g.since, g.last_visit_at, EXCLUDED.interval_days) = g.next_due_at
                         THEN g.warned_at END,
        overdue_at = CASE WHEN key_group_due(g.since, g.last_visit_at, EXCLUDED.interval_days) = g.next_due_at
                          THEN g.overdue_at END,
        level = CASE WHEN key_group_due(g.since, g.last_visit_at, EXCLUDED.interval_days) = g.next_due_at
                     THEN g.level ELSE 0 END,
        supervisor_path = CASE WHEN key_group_due(g.since, g.last_visit_at, EXCLUDED.interval_days) = g.next_due_at
                               THEN g.supervisor_path END,
        escalated_at = CASE WHEN key_group_due(g.since, g.last_visit_at, EXCLUDED.interval_days) = g.next_due_at
                            THEN g.escalated_at END;
END
$$;

CREATE FUNCTION person_key_group_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM key_group_refresh(OLD.household_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.household_id <> OLD.household_id) THEN
        PERFORM key_group_refresh(NEW.household_id);
    END IF;
    RETURN NULL;
END
$$;
-- only people in (or leaving) a key group cost anything: a bulk import of others runs no refresh
CREATE TRIGGER person_key_group_insert AFTER INSERT ON person
    FOR EACH ROW WHEN (NEW.tags <> '{}') EXECUTE FUNCTION person_key_group_changed();
CREATE TRIGGER person_key_group_update AFTER UPDATE OF tags, household_id ON person
    FOR EACH ROW WHEN ((OLD.tags <> '{}' OR NEW.tags <> '{}')
                       AND (OLD.tags IS DISTINCT FROM NEW.tags OR OLD.household_id <> NEW.household_id))
    EXECUTE FUNCTION person_key_group_changed();
CREATE TRIGGER person_key_group_delete AFTER DELETE ON person
    FOR EACH ROW WHEN (OLD.tags <> '{}') EXECUTE FUNCTION person_key_group_changed();

-- 走访记录: a visit to a household, with the visitor's position checked against the building.
CREATE TABLE key_group_visit (
    id                 bigserial         PRIMARY KEY,
    household_id       bigint            NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    building_id        bigint            NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    visitor_id         bigint            NOT NULL REFERENCES app_user (id),
    visited_at         timestamptz       NOT NULL,
    -- 上门 / 电话 / 视频
    mode               varchar(8)        NOT NULL CHECK (mode IN ('HOME', 'PHONE', 'VIDEO')),
    situation          varchar(2000)     NOT NULL,
    follow_up          varchar(2000),
    position           geometry(Point, 4326),
    -- metres from the building's footprint (or point); far: beyond the tolerance when the visit was recorded
    distance_metres    double precision,
    far_from_building  boolean           NOT NULL DEFAULT false,
    -- the incident the follow-up became (at most one)
    incident_id        bigint            UNIQUE REFERENCES incident (id),
    created_at         timestamptz       NOT NULL,
    CONSTRAINT key_group_visit_position_checked CHECK ((position IS NULL) = (distance_metres IS NULL))
);
CREATE INDEX key_group_visit_household_idx ON key_group_visit (household_id, id DESC);

-- A visit's photos (media uploaded first, each used once).
CREATE TABLE key_group_visit_media (
    visit_id  bigint  NOT NULL REFERENCES key_group_visit (id) ON DELETE CASCADE,
    media_id  uuid    NOT NULL UNIQUE REFERENCES media (id),
    PRIMARY KEY (visit_id, media_id)
);

-- Supervision marks of missed visits, once per household, cycle (its due time), mark and pressing node (0 for
-- yellow and red): the database refuses a second one even with several schedulers at once.
CREATE TABLE key_group_visit_mark (
    household_id  bigint       NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    due_at        timestamptz  NOT NULL,
    mark          varchar(16)  NOT NULL CHECK (mark IN ('WARN', 'OVERDUE', 'SUPERVISE')),
    node_id       bigint       NOT NULL DEFAULT 0,
    at            timestamptz  NOT NULL,
    PRIMARY KEY (household_id, due_at, mark, node_id)
);
