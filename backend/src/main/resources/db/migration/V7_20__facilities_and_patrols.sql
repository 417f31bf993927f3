-- Things (部件) and patrols (巡查), issue #12 §4 and §5.

-- A facility on the grid: a manhole, a street lamp, a hydrant, fitness equipment. Its type is an incident
-- category (the kind of incident it gives rise to); it hangs on the building or compound its position was located
-- in, so data scope stays the one rule (the node's path <@ scope, read through region at query time).
CREATE TABLE facility (
    id             bigserial    PRIMARY KEY,
    code           varchar(64)  UNIQUE,
    name           varchar(64)  NOT NULL,
    category_code  varchar(16)  NOT NULL REFERENCES incident_category (code),
    position       geometry(Point, 4326) NOT NULL,
    region_id      bigint       NOT NULL REFERENCES region (id),
    department_id  bigint       REFERENCES department (id),
    state          varchar(16)  NOT NULL CHECK (state IN ('NORMAL', 'DAMAGED', 'UNDER_REPAIR', 'REMOVED')),
    note           varchar(500),
    version        integer      NOT NULL DEFAULT 0,
    created_by     bigint       NOT NULL,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL
);
CREATE INDEX facility_region_idx ON facility (region_id);
CREATE INDEX facility_position_geog_idx ON facility USING gist ((position::geography));

-- The facility a report named (at most one per incident).
CREATE TABLE facility_incident (
    incident_id  bigint       PRIMARY KEY REFERENCES incident (id),
    facility_id  bigint       NOT NULL REFERENCES facility (id),
    created_at   timestamptz  NOT NULL
);
CREATE INDEX facility_incident_facility_idx ON facility_incident (facility_id, incident_id DESC);

-- A grid worker's patrol of their grid (the node their account is bound to).
CREATE TABLE patrol (
    id               bigserial    PRIMARY KEY,
    user_id          bigint       NOT NULL,
    region_id        bigint       NOT NULL REFERENCES region (id),
    status           varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'FINISHED')),
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz,
    points_kept      integer      NOT NULL DEFAULT 0,
    points_dropped   integer      NOT NULL DEFAULT 0,
    jumps_flagged    integer      NOT NULL DEFAULT 0,
    track            geometry(LineString, 4326),
    length_metres    double precision,
    duration_seconds bigint,
    coverage         double precision CHECK (coverage IS NULL OR coverage BETWEEN 0 AND 1),
    version          integer      NOT NULL DEFAULT 0,
    CONSTRAINT patrol_finished CHECK ((status = 'FINISHED') = (finished_at IS NOT NULL))
);
CREATE INDEX patrol_user_idx ON patrol (user_id, id DESC);
CREATE INDEX patrol_region_idx ON patrol (region_id, id DESC);
-- one patrol at a time per worker
CREATE UNIQUE INDEX patrol_one_active ON patrol (user_id) WHERE status = 'ACTIVE';

-- The positions kept (at most one per 10 s); a jump faster than a car is kept with its flag and speed.
CREATE TABLE patrol_point (
    patrol_id  bigint       NOT NULL REFERENCES patrol (id),
    seq        integer      NOT NULL,
    at         timestamptz  NOT NULL,
    position   geometry(Point, 4326) NOT NULL,
    jump       boolean      NOT NULL DEFAULT false,
    speed_kmh  double precision,
    PRIMARY KEY (patrol_id, seq)
);

-- Incidents reported during a patrol (source PATROL).
CREATE TABLE patrol_finding (
    incident_id  bigint  PRIMARY KEY REFERENCES incident (id),
    patrol_id    bigint  NOT NULL REFERENCES patrol (id)
);
CREATE INDEX patrol_finding_patrol_idx ON patrol_finding (patrol_id);
