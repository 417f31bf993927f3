-- The dashboard's aggregate (issue 14 §1): what GET /api/v1/stats/overview sums instead of scanning incidents.
-- Kept by triggers on incident and incident_supervision in the transaction of every write, whoever the writer is
-- (IncidentWriter, re-districting's followRegionMoves, supervision, imports, a hand-written UPDATE): the triggers
-- are the one place of the rule "what an incident contributes", stats_incident_rows below.
--
-- stats_day: one row per node of the incident's chain (every label of region_path), Asia/Shanghai day, dimension
-- and key, with a count n (and for 'H' the exact sum of handling times in microseconds: bigint sums are cheaper to
-- read than numeric ones, and exact). Dimensions, by the day the incident was
-- received (reported) unless said otherwise:
--   S status (key: current status)       O source        C category (key: its id)
--   H handling time of CLOSED ones (key: stats_handling_bucket's mid-point in seconds; micros: exact sum)
--   T closed on time (closed_at <= deadline_at)          A rating (key: stars)
--   D closed that day (day: the day it was closed)
--   N, Y, R, P on day '-infinity' (the backlog now, whatever the day): N by current status; Y yellow (warned, not
--     overdue), R red (overdue), P pressed on from above (supervision level > 0), each by current status.
-- Writers never update a shared row: the triggers append deltas to stats_delta (no hot county row, no lock order,
-- no deadlock between writers), and StatsCompactor folds them into stats_day now and then, in one transaction.
-- Readers sum stats_day and stats_delta together in one snapshot, so the figures are those of the rows at once,
-- including a transaction's own uncommitted writes.
CREATE TABLE stats_day (
    node_id  bigint   NOT NULL,
    day      date     NOT NULL,
    dim      "char"   NOT NULL,
    key      text     NOT NULL,
    n        bigint   NOT NULL,
    micros   bigint   NOT NULL DEFAULT 0,
    -- n and micros in the index too: the dashboard's reads are index-only scans of one node's days
    PRIMARY KEY (node_id, day, dim, key) INCLUDE (n, micros)
);
-- rows a fold brought to zero, removed by the compactor right after
CREATE INDEX stats_day_zero_idx ON stats_day (node_id) WHERE n = 0;

CREATE TABLE stats_delta (
    id       bigserial PRIMARY KEY,
    node_id  bigint   NOT NULL,
    day      date     NOT NULL,
    dim      "char"   NOT NULL,
    key      text     NOT NULL,
    n        bigint   NOT NULL,
    micros   bigint   NOT NULL DEFAULT 0
);
CREATE INDEX stats_delta_node_day_idx ON stats_delta (node_id, day);

-- The median's resolution: handling times fall in buckets of 15 minutes below 1 day, 1 hour below 7 days, 6 hours
-- below 30 days and 1 day beyond; a bucket stands for its mid-point (seconds). The median is taken over those
-- mid-points (percentile_cont(0.5) of stats_handling_bucket(seconds)), so it is off by at most half a bucket.
CREATE FUNCTION stats_handling_bucket(seconds numeric) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (floor(s / w) * w + w / 2)::bigint
    FROM (SELECT greatest(seconds, 0) AS s) x,
         LATERAL (SELECT CASE WHEN s < 86400 THEN 900 WHEN s < 604800 THEN 3600
                              WHEN s < 2592000 THEN 21600 ELSE 86400 END AS w) y
$$;

-- What one incident (with its supervision marks) contributes to stats_day: the one definition, used by the
-- triggers (minus the old row, plus the new) and by the backfill below.
CREATE FUNCTION stats_incident_rows(path ltree, reported_at timestamptz, closed_at timestamptz,
                                    deadline_at timestamptz, status text, category_id bigint, source text,
                                    rating smallint, warned_at timestamptz, overdue_at timestamptz, level integer)
    RETURNS TABLE (node_id bigint, day date, dim "char", key text, n bigint, micros bigint)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH f(day, dim, key, micros) AS (
        SELECT (reported_at AT TIME ZONE 'Asia/Shanghai')::date, 'S'::"char", status, 0::bigint
        UNION ALL SELECT (reported_at AT TIME ZONE 'Asia/Shanghai')::date, 'O', source, 0
        UNION ALL SELECT (reported_at AT TIME ZONE 'Asia/Shanghai')::date, 'C', category_id::text, 0
        UNION ALL SELECT '-infinity'::date, 'N', status, 0
        UNION ALL SELECT (reported_at AT TIME ZONE 'Asia/Shanghai')::date, 'H',
                         stats_handling_bucket(extract(epoch FROM closed_at - reported_at))::text,
                         (extract(epoch FROM closed_at - reported_at) * 1000000)::bigint
                  WHERE status = 'CLOSED' AND closed_at IS NOT NULL
        UNION ALL SELECT (closed_at AT TIME ZONE 'Asia/Shanghai')::date, 'D', '', 0
                  WHERE status = 'CLOSED' AND closed_at IS NOT NULL
        UNION ALL SELECT (reported_at AT TIME ZONE 'Asia/Shanghai')::date, 'T', '', 0
                  WHERE status = 'CLOSED' AND closed_at <= deadline_at
        UNION ALL SELECT (reported_at AT TIME ZONE 'Asia/Shanghai')::date, 'A', rating::text, 0
                  WHERE rating IS NOT NULL
        UNION ALL SELECT '-infinity'::date, 'Y', status, 0 WHERE warned_at IS NOT NULL AND overdue_at IS NULL
        UNION ALL SELECT '-infinity'::date, 'R', status, 0 WHERE overdue_at IS NOT NULL
        UNION ALL SELECT '-infinity'::date, 'P', status, 0 WHERE COALESCE(level, 0) > 0
    )
    SELECT ltree2text(subpath(path, l, 1))::bigint, f.day, f.dim, f.key, 1::bigint, f.micros
    FROM generate_series(0, nlevel(path) - 1) l, f
$$;

-- Incidents: minus what the old rows contributed, plus what the new ones do (with their supervision as it is now),
-- summed per row of stats_day, only what changed. One statement, whatever the number of rows it wrote.
CREATE FUNCTION stats_incident_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_delta (node_id, day, dim, key, n, micros)
        SELECT c.node_id, c.day, c.dim, c.key, sum(c.n), sum(c.micros)
        FROM new_rows i LEFT JOIN incident_supervision s ON s.incident_id = i.id,
             LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                         i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
        GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO stats_delta (node_id, day, dim, key, n, micros)
        SELECT c.node_id, c.day, c.dim, c.key, sum(i.sign * c.n), sum(i.sign * c.micros)
        FROM (SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows) i
             LEFT JOIN incident_supervision s ON s.incident_id = i.id,
             LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                         i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
        GROUP BY 1, 2, 3, 4
        HAVING sum(i.sign * c.n) <> 0 OR sum(i.sign * c.micros) <> 0;
    ELSE
        INSERT INTO stats_delta (node_id, day, dim, key, n, micros)
        SELECT c.node_id, c.day, c.dim, c.key, -sum(c.n), -sum(c.micros)
        FROM old_rows i LEFT JOIN incident_supervision s ON s.incident_id = i.id,
             LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                         i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
        GROUP BY 1, 2, 3, 4;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_incident_inserted AFTER INSERT ON incident REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_incident_changed();
CREATE TRIGGER stats_incident_updated AFTER UPDATE ON incident REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_incident_changed();
CREATE TRIGGER stats_incident_deleted AFTER DELETE ON incident REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_incident_changed();

-- Supervision marks: the incident as it is now (its row locked, so a concurrent change of the incident and of its
-- marks cannot both count against the other's old state), minus the old marks, plus the new.
CREATE FUNCTION stats_supervision_delta(changes jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO stats_delta (node_id, day, dim, key, n, micros)
    SELECT c.node_id, c.day, c.dim, c.key, sum(s.sign * c.n), 0
    FROM jsonb_to_recordset(changes)
             AS s(sign integer, incident_id bigint, warned_at timestamptz, overdue_at timestamptz, level integer)
         JOIN (SELECT * FROM incident
               WHERE id IN (SELECT (e ->> 'incident_id')::bigint FROM jsonb_array_elements(changes) e)
               ORDER BY id FOR NO KEY UPDATE) i ON i.id = s.incident_id,
         LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                     i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
    WHERE c.dim IN ('Y', 'R', 'P')
    GROUP BY 1, 2, 3, 4
    HAVING sum(s.sign * c.n) <> 0
$$;
CREATE FUNCTION stats_supervision_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM stats_supervision_delta((SELECT jsonb_agg(r) FROM (SELECT 1 AS sign, * FROM new_rows) r));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM stats_supervision_delta((SELECT jsonb_agg(r) FROM (SELECT 1 AS sign, * FROM new_rows
                                                                    UNION ALL SELECT -1, * FROM old_rows) r));
    ELSE
        PERFORM stats_supervision_delta((SELECT jsonb_agg(r) FROM (SELECT -1 AS sign, * FROM old_rows) r));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_supervision_inserted AFTER INSERT ON incident_supervision REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_supervision_changed();
CREATE TRIGGER stats_supervision_updated AFTER UPDATE ON incident_supervision
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_supervision_changed();
CREATE TRIGGER stats_supervision_deleted AFTER DELETE ON incident_supervision REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_supervision_changed();

-- TRUNCATE leaves no incident to count.
CREATE FUNCTION stats_incident_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE stats_day, stats_delta;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_incident_truncated AFTER TRUNCATE ON incident
    FOR EACH STATEMENT EXECUTE FUNCTION stats_incident_truncated();

-- Backfill: every incident there is, with its marks, in one pass, written in key order (a node's days together on
-- disk). About a quarter of an hour for 1,000,000 incidents on a busy 2-core machine (bench/stats/RESULTS.md).
SET LOCAL work_mem = '256MB';
INSERT INTO stats_day (node_id, day, dim, key, n, micros)
SELECT c.node_id, c.day, c.dim, c.key, sum(c.n), sum(c.micros)
FROM incident i LEFT JOIN incident_supervision s ON s.incident_id = i.id,
     LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                 i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;
ANALYZE stats_day;
