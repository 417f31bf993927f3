-- Issue 10 §4: tasks a community publishes (service, patrol, event), possibly made from an incident, and the places
-- volunteers claim on them. `claimed` counts the live claims and can never pass `needed` (a CHECK, and the claim is
-- one conditional UPDATE of the task row, so concurrent claims queue on the row lock and re-check).
CREATE TABLE volunteer_task (
    id              bigserial      PRIMARY KEY,
    community_id    bigint         NOT NULL REFERENCES region (id),
    kind            varchar(16)    NOT NULL CHECK (kind IN ('SERVICE', 'PATROL', 'EVENT')),
    title           varchar(60)    NOT NULL,
    description     varchar(1000),
    place_region_id bigint         REFERENCES region (id),
    place_point     geometry(Point, 4326),
    starts_at       timestamptz    NOT NULL,
    ends_at         timestamptz    NOT NULL,
    needed          integer        NOT NULL CHECK (needed BETWEEN 1 AND 500),
    claimed         integer        NOT NULL DEFAULT 0,
    points          integer        NOT NULL CHECK (points BETWEEN 0 AND 10000),
    status          varchar(16)    NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CANCELLED')),
    cancel_reason   varchar(200),
    incident_id     bigint         REFERENCES incident (id),
    created_by      bigint         NOT NULL REFERENCES app_user (id),
    version         integer        NOT NULL DEFAULT 0,
    created_at      timestamptz    NOT NULL,
    updated_at      timestamptz    NOT NULL,
    CONSTRAINT volunteer_task_capacity CHECK (claimed BETWEEN 0 AND needed),
    CONSTRAINT volunteer_task_time CHECK (ends_at > starts_at),
    CONSTRAINT volunteer_task_place CHECK (place_region_id IS NOT NULL OR place_point IS NOT NULL),
    CONSTRAINT volunteer_task_cancel_reason CHECK (status <> 'CANCELLED' OR cancel_reason IS NOT NULL),
    CONSTRAINT volunteer_task_incident_once UNIQUE (incident_id)
);
CREATE INDEX volunteer_task_community_idx ON volunteer_task (community_id, id);

-- One claim per volunteer and task. CLAIMED → REPORTED (completion with photos) → CONFIRMED (points credited once);
-- CANCELLED when the community cancels the task.
CREATE TABLE volunteer_claim (
    id            bigserial    PRIMARY KEY,
    task_id       bigint       NOT NULL REFERENCES volunteer_task (id),
    volunteer_id  bigint       NOT NULL REFERENCES volunteer (id),
    status        varchar(16)  NOT NULL DEFAULT 'CLAIMED'
                               CHECK (status IN ('CLAIMED', 'REPORTED', 'CONFIRMED', 'CANCELLED')),
    report_note   varchar(500),
    reported_at   timestamptz,
    confirmed_by  bigint       REFERENCES app_user (id),
    confirmed_at  timestamptz,
    created_at    timestamptz  NOT NULL,
    CONSTRAINT volunteer_claim_once UNIQUE (task_id, volunteer_id),
    CONSTRAINT volunteer_claim_confirmed CHECK (status <> 'CONFIRMED' OR confirmed_at IS NOT NULL)
);
CREATE INDEX volunteer_claim_volunteer_idx ON volunteer_claim (volunteer_id, id);

-- A completion report's photos are uploads like an incident's: attached once, by their uploader, to one owner only;
-- the orphan sweeper leaves attached ones alone.
ALTER TABLE media
    ADD COLUMN volunteer_claim_id bigint REFERENCES volunteer_claim (id),
    ADD CONSTRAINT media_one_owner CHECK (incident_id IS NULL OR volunteer_claim_id IS NULL);
CREATE INDEX media_volunteer_claim_idx ON media (volunteer_claim_id) WHERE volunteer_claim_id IS NOT NULL;
