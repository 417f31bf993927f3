-- The one tree: administrative, grid and Party organisation hierarchy, with geometry on every level.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE region (
    id          bigserial    PRIMARY KEY,
    code        varchar(64)  NOT NULL UNIQUE,
    name        varchar(128) NOT NULL,
    level       varchar(16)  NOT NULL CHECK (level IN ('COUNTY', 'TOWN', 'COMMUNITY', 'COMPOUND', 'BUILDING')),
    parent_id   bigint       REFERENCES region (id),
    -- ids from the root down, e.g. 1.4.17.230: "everything under X" is `path <@ X.path`
    path        ltree        NOT NULL,
    -- areas: their boundary; buildings: their footprint when one is known
    boundary    geometry(MultiPolygon, 4326),
    -- buildings: their position (the footprint's centroid when only a footprint is given); areas: a label point
    position    geometry(Point, 4326),
    attributes  jsonb        NOT NULL DEFAULT '{}'::jsonb,
    version     integer      NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT region_root_has_no_parent CHECK ((level = 'COUNTY') = (parent_id IS NULL)),
    CONSTRAINT region_area_has_boundary CHECK (level = 'BUILDING' OR boundary IS NOT NULL),
    CONSTRAINT region_building_has_geometry CHECK (level <> 'BUILDING' OR position IS NOT NULL)
);
CREATE INDEX region_path_gist ON region USING gist (path);
-- locating a point: areas and building footprints are searched separately, so each index stays small
CREATE INDEX region_area_boundary_gist ON region USING gist (boundary) WHERE level <> 'BUILDING';
CREATE INDEX region_building_boundary_gist ON region USING gist (boundary) WHERE level = 'BUILDING';
CREATE INDEX region_position_gist ON region USING gist (position);
CREATE INDEX region_parent_idx ON region (parent_id);
CREATE INDEX region_level_idx ON region (level);
CREATE INDEX region_name_idx ON region (name varchar_pattern_ops);

-- One Party organisation per node: 乡镇党委 / 社区党委 / 小区党支部 / 楼栋党小组 (county: 县委).
CREATE TABLE party_org (
    id              bigserial    PRIMARY KEY,
    region_id       bigint       NOT NULL UNIQUE REFERENCES region (id) ON DELETE CASCADE,
    kind            varchar(32)  NOT NULL CHECK (kind IN ('COUNTY_COMMITTEE', 'TOWN_COMMITTEE',
                                     'COMMUNITY_COMMITTEE', 'COMPOUND_BRANCH', 'BUILDING_GROUP')),
    name            varchar(160) NOT NULL,
    secretary_name  varchar(64),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);

-- A region import: small ones finish in the request, large ones run as a job the client polls.
CREATE TABLE region_import (
    id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    state        varchar(16)  NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    -- what a running import is doing: LOADING features, CHECKING them, WRITING the tree; DONE at the end
    phase        varchar(16)  NOT NULL DEFAULT 'LOADING',
    coord_type   varchar(8)   NOT NULL,
    total        integer      NOT NULL DEFAULT 0,
    -- features loaded into the staging table so far
    loaded       integer      NOT NULL DEFAULT 0,
    -- features written to the tree so far (total once it succeeded)
    processed    integer      NOT NULL DEFAULT 0,
    created      integer      NOT NULL DEFAULT 0,
    updated      integer      NOT NULL DEFAULT 0,
    -- offending features: [{index, code, reasonZh, reasonEn}]
    errors       jsonb        NOT NULL DEFAULT '[]'::jsonb,
    -- why a job failed when it is not about features (interrupted, internal error)
    message      text,
    requested_by varchar(128),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
