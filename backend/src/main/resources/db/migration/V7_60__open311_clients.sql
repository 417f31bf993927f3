-- Open311 GeoReport v2 clients: other systems that exchange requests with GridGov at /open311/v2. Each has an
-- API key (only its SHA-256 is kept; the key itself is shown once, when a county admin issues it), a scope (a
-- node: its requests must lie inside, and it reads only requests inside) and a user that reports in its name.
CREATE TABLE open311_client (
    id          bigserial    PRIMARY KEY,
    name        varchar(64)  NOT NULL,
    key_hash    bytea        NOT NULL UNIQUE,
    -- the key's first characters, to tell keys apart in lists
    key_hint    varchar(8)   NOT NULL,
    region_id   bigint       NOT NULL REFERENCES region (id),
    user_id     bigint       NOT NULL UNIQUE REFERENCES app_user (id),
    created_by  bigint       NOT NULL REFERENCES app_user (id),
    created_at  timestamptz  NOT NULL,
    revoked_at  timestamptz
);

-- What each POST /requests made: the token the standard lets a client poll (GET /tokens/{token}) for the id.
CREATE TABLE open311_submission (
    token        uuid         PRIMARY KEY,
    client_id    bigint       NOT NULL REFERENCES open311_client (id),
    incident_id  bigint       NOT NULL REFERENCES incident (id),
    created_at   timestamptz  NOT NULL
);
CREATE INDEX open311_submission_incident_idx ON open311_submission (incident_id);
