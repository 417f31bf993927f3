-- Content safety (#13 §4): residents' text and photos checked by WeChat (msgSecCheck, mediaCheckAsync); what
-- WeChat marks for review (or could not check) waits for a moderator; risky photos are hidden; repeat offenders muted.

-- One item a moderator must look at: a request's text, an addition, a rating comment or a photo.
CREATE TABLE moderation_flag (
    id            bigserial     PRIMARY KEY,
    kind          varchar(16)   NOT NULL CHECK (kind IN ('REQUEST', 'ADDITION', 'RATING', 'PHOTO')),
    -- REVIEW: WeChat suggests review; RISKY: a photo WeChat found risky (already hidden); UNCHECKED: WeChat could not check it
    reason        varchar(16)   NOT NULL CHECK (reason IN ('REVIEW', 'RISKY', 'UNCHECKED')),
    status        varchar(16)   NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'SHOWN', 'HIDDEN')),
    -- the incident the item belongs to; a photo's is read through media while it is not attached yet
    incident_id   bigint        REFERENCES incident (id),
    media_id      uuid          REFERENCES media (id) ON DELETE CASCADE,
    author_id     bigint        NOT NULL REFERENCES app_user (id),
    content       varchar(2500),
    label         integer,
    trace_id      varchar(64),
    created_at    timestamptz   NOT NULL,
    decision      varchar(16)   CHECK (decision IN ('SHOW', 'HIDE', 'HIDE_AND_WARN')),
    decided_by    bigint        REFERENCES app_user (id),
    decided_at    timestamptz,
    note          varchar(500),
    CONSTRAINT moderation_flag_target CHECK ((kind = 'PHOTO') = (media_id IS NOT NULL)),
    CONSTRAINT moderation_flag_decided CHECK ((status = 'OPEN') = (decision IS NULL))
);
CREATE INDEX moderation_flag_incident_idx ON moderation_flag (incident_id);
CREATE INDEX moderation_flag_open_idx ON moderation_flag (id) WHERE status = 'OPEN';
-- a photo is flagged once: unchecked at upload, or risky/review when its verdict comes
CREATE UNIQUE INDEX moderation_flag_media_key ON moderation_flag (media_id) WHERE media_id IS NOT NULL;
CREATE INDEX moderation_flag_warned_idx ON moderation_flag (author_id, decided_at) WHERE decision = 'HIDE_AND_WARN';

-- A photo sent to mediaCheckAsync: WeChat's verdict comes later to the callback, matched by trace_id.
CREATE TABLE moderation_media_check (
    trace_id      varchar(64)   PRIMARY KEY,
    media_id      uuid          NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    requested_at  timestamptz   NOT NULL,
    suggest       varchar(16)   CHECK (suggest IN ('pass', 'review', 'risky')),
    label         integer,
    answered_at   timestamptz
);
CREATE INDEX moderation_media_check_media_idx ON moderation_media_check (media_id);

-- A photo hidden by moderation (risky verdict or a moderator's decision) is served to nobody and listed nowhere.
ALTER TABLE media ADD COLUMN hidden_at timestamptz;

-- A resident muted until a time: their requests, additions and ratings are refused until then.
CREATE TABLE moderation_mute (
    user_id       bigint        PRIMARY KEY REFERENCES app_user (id),
    until         timestamptz   NOT NULL,
    reason        varchar(500),
    muted_by      bigint        REFERENCES app_user (id),
    muted_at      timestamptz   NOT NULL
);

-- Nonces of WeChat message pushes already taken, so a replayed push is refused; pruned past the time window.
CREATE TABLE wechat_push_nonce (
    nonce         varchar(64)   PRIMARY KEY,
    received_at   timestamptz   NOT NULL
);
CREATE INDEX wechat_push_nonce_received_idx ON wechat_push_nonce (received_at);
