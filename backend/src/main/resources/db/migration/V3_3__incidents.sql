-- Incidents (事件 / 诉求) and their append-only flow. Positions are WGS-84; region_path is the located
-- node's path and decides who sees the incident (`region_path <@ scope`), owner_path who handles it.
CREATE TABLE incident (
    id               bigserial    PRIMARY KEY,
    category_id      bigint       NOT NULL REFERENCES incident_category (id),
    source           varchar(16)  NOT NULL CHECK (source IN ('GRID_REPORT', 'PATROL', 'RESIDENT', 'HOTLINE', 'ASSIGNED')),
    status           varchar(16)  NOT NULL CHECK (status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS',
                                      'RESOLVED', 'CLOSED', 'REJECTED', 'SUSPENDED')),
    -- the state a suspended incident resumes to
    suspended_from   varchar(16),
    description      text         NOT NULL,
    position         geometry(Point, 4326) NOT NULL,
    -- where it is: the located node (building when one was found) and the chain above it
    region_id        bigint       NOT NULL REFERENCES region (id),
    region_path      ltree        NOT NULL,
    town_id          bigint,
    community_id     bigint,
    compound_id      bigint,
    building_id      bigint,
    -- who handles it: the node whose organisation owns it (moves up on escalation) and the person on it
    owner_region_id  bigint       NOT NULL REFERENCES region (id),
    owner_path       ltree        NOT NULL,
    assignee_id      bigint       REFERENCES app_user (id),
    reporter_id      bigint       NOT NULL REFERENCES app_user (id),
    self_resolved    boolean      NOT NULL DEFAULT false,
    occurred_at      timestamptz,
    reported_at      timestamptz  NOT NULL,
    deadline_at      timestamptz  NOT NULL,
    suspended_at     timestamptz,
    closed_at        timestamptz,
    rating           smallint     CHECK (rating BETWEEN 1 AND 5),
    rating_comment   varchar(500),
    rated_at         timestamptz,
    version          integer      NOT NULL DEFAULT 0,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT incident_suspension_complete CHECK ((status = 'SUSPENDED') = (suspended_from IS NOT NULL AND suspended_at IS NOT NULL))
);
CREATE INDEX incident_position_gist ON incident USING gist (position);
CREATE INDEX incident_region_path_gist ON incident USING gist (region_path);
CREATE INDEX incident_owner_path_gist ON incident USING gist (owner_path);
CREATE INDEX incident_status_idx ON incident (status, deadline_at);
CREATE INDEX incident_category_idx ON incident (category_id, reported_at);
CREATE INDEX incident_assignee_idx ON incident (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX incident_reporter_idx ON incident (reporter_id);
CREATE INDEX incident_reported_at_idx ON incident (reported_at);

ALTER TABLE media ADD CONSTRAINT media_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id);

-- One row per state change, never changed afterwards.
CREATE TABLE incident_flow (
    id               bigserial    PRIMARY KEY,
    incident_id      bigint       NOT NULL REFERENCES incident (id),
    action           varchar(16)  NOT NULL,
    from_status      varchar(16),
    to_status        varchar(16)  NOT NULL,
    actor_id         bigint       NOT NULL REFERENCES app_user (id),
    actor_role       varchar(24)  NOT NULL,
    comment          varchar(1000),
    media_ids        uuid[]       NOT NULL DEFAULT '{}',
    assignee_id      bigint,
    owner_region_id  bigint,
    at               timestamptz  NOT NULL
);
CREATE INDEX incident_flow_incident_idx ON incident_flow (incident_id, id);

CREATE FUNCTION incident_flow_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident_flow is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER incident_flow_no_update BEFORE UPDATE OR DELETE ON incident_flow
    FOR EACH ROW EXECUTE FUNCTION incident_flow_append_only();
CREATE TRIGGER incident_flow_no_truncate BEFORE TRUNCATE ON incident_flow
    FOR EACH STATEMENT EXECUTE FUNCTION incident_flow_append_only();

-- Idempotency keys of retried requests: the first request with a key claims it, later ones with the same key
-- get the same result (same body) or 422 (another body).
CREATE TABLE idempotency_key (
    scope         varchar(64)  NOT NULL,
    key           varchar(128) NOT NULL,
    request_hash  char(64)     NOT NULL,
    resource_id   bigint,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
