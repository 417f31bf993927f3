-- Residents' requests (#13 §2, §3): whether a request may be shown on the public board (政务公开) and whether its
-- reporter stays anonymous there; a resident may withdraw an open request (WITHDRAWN, no longer worked on).
ALTER TABLE incident ADD COLUMN is_public boolean NOT NULL DEFAULT false;
ALTER TABLE incident ADD COLUMN anonymous boolean NOT NULL DEFAULT false;
ALTER TABLE incident DROP CONSTRAINT incident_status_check;
ALTER TABLE incident ADD CONSTRAINT incident_status_check
    CHECK (status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED',
                      'SUSPENDED', 'WITHDRAWN'));
-- the public board lists closed public incidents newest first
CREATE INDEX incident_public_idx ON incident (id) WHERE is_public;

-- A revisit (回访) of an incident rated 1 or 2 stars: one per incident, a task for its community with its own
-- deadline; staff record whom they reached and the outcome, and may reopen the incident.
CREATE TABLE incident_revisit (
    id              bigserial    PRIMARY KEY,
    incident_id     bigint       NOT NULL UNIQUE REFERENCES incident (id),
    -- the community that revisits, and the incident's located path that decides who sees the task
    community_id    bigint       REFERENCES region (id),
    region_path     ltree        NOT NULL,
    rating          smallint     NOT NULL CHECK (rating BETWEEN 1 AND 5),
    due_at          timestamptz  NOT NULL,
    status          varchar(16)  NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE')),
    outcome         varchar(16)  CHECK (outcome IN ('SATISFIED', 'UNSATISFIED', 'UNREACHABLE')),
    note            varchar(1000),
    reopened        boolean      NOT NULL DEFAULT false,
    recorded_by     bigint       REFERENCES app_user (id),
    recorded_at     timestamptz,
    created_at      timestamptz  NOT NULL,
    version         integer      NOT NULL DEFAULT 0,
    CONSTRAINT incident_revisit_done_complete CHECK ((status = 'DONE') = (outcome IS NOT NULL AND recorded_at IS NOT NULL))
);
CREATE INDEX incident_revisit_path_gist ON incident_revisit USING gist (region_path);
CREATE INDEX incident_revisit_open_idx ON incident_revisit (status, due_at);
