-- Supervision (督办) of late incidents and the notification outbox. Both are written in the transaction of the
-- state change they belong to; replicas claim rows with FOR UPDATE SKIP LOCKED.

-- The scheduler acts as a user of its own, so its flow rows have an actor like every other row.
ALTER TABLE app_user DROP CONSTRAINT app_user_kind_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_kind_check CHECK (kind IN ('RESIDENT', 'STAFF', 'SYSTEM'));
INSERT INTO app_user (kind, display_name) VALUES ('SYSTEM', '系统督办');

-- What supervision has done to an incident, so each step happens once: the yellow mark, the red mark, and
-- the highest node that has pressed on it (its path; the next escalation goes to that node's parent).
CREATE TABLE incident_supervision (
    incident_id      bigint       PRIMARY KEY REFERENCES incident (id),
    warned_at        timestamptz,
    overdue_at       timestamptz,
    level            integer      NOT NULL DEFAULT 0,
    supervisor_path  ltree,
    escalated_at     timestamptz
);

-- The database, not only the scheduler, refuses a second yellow or red mark, or a second 督办 by one node.
CREATE UNIQUE INDEX incident_flow_mark_once ON incident_flow (incident_id, action) WHERE action IN ('WARN', 'OVERDUE');
CREATE UNIQUE INDEX incident_flow_supervise_once ON incident_flow (incident_id, owner_region_id) WHERE action = 'SUPERVISE';
CREATE INDEX incident_flow_id_incident_idx ON incident_flow (id, incident_id);

-- WeChat subscribe messages to send: one row per state change and recipient. SENDING marks a row in flight
-- (claimed by one replica); a row never goes back from SENDING to PENDING unless the send surely failed.
CREATE TABLE notify_outbox (
    id               bigserial    PRIMARY KEY,
    event_type       varchar(16)  NOT NULL,
    incident_id      bigint       NOT NULL REFERENCES incident (id),
    flow_id          bigint       NOT NULL REFERENCES incident_flow (id),
    recipient_id     bigint       NOT NULL REFERENCES app_user (id),
    template_id      varchar(64)  NOT NULL,
    payload          jsonb        NOT NULL,
    state            varchar(16)  NOT NULL DEFAULT 'PENDING'
                                  CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    claimed_at       timestamptz,
    last_error       varchar(500),
    sent_at          timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (flow_id, recipient_id)
);
CREATE INDEX notify_outbox_due_idx ON notify_outbox (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX notify_outbox_sending_idx ON notify_outbox (claimed_at) WHERE state = 'SENDING';
CREATE INDEX notify_outbox_incident_idx ON notify_outbox (incident_id);
