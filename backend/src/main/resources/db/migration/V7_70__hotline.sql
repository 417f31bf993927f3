-- 12345 hotline platforms (and other government systems) that push work orders to GridGov. Like the Open311
-- clients: an API key (only its SHA-256 is kept), a scope (a node: its orders must lie inside) and a user that
-- reports in its name; besides, the URL its orders' state changes are posted back to (none: it polls).
CREATE TABLE hotline_client (
    id            bigserial     PRIMARY KEY,
    name          varchar(64)   NOT NULL,
    key_hash      bytea         NOT NULL UNIQUE,
    key_hint      varchar(8)    NOT NULL,
    region_id     bigint        NOT NULL REFERENCES region (id),
    user_id       bigint        NOT NULL UNIQUE REFERENCES app_user (id),
    callback_url  varchar(500),
    created_by    bigint        NOT NULL REFERENCES app_user (id),
    created_at    timestamptz   NOT NULL,
    revoked_at    timestamptz
);

-- One pushed work order: the incident it made and what was pushed, kept to answer a re-push (the same content
-- answers the same incident; different content is refused with the differing fields). The caller's phone is
-- personal data: encrypted, with a keyed hash to compare re-pushes and a masked form to show.
CREATE TABLE hotline_order (
    id                 bigserial         PRIMARY KEY,
    client_id          bigint            NOT NULL REFERENCES hotline_client (id),
    order_no           varchar(64)       NOT NULL,
    incident_id        bigint            NOT NULL UNIQUE REFERENCES incident (id),
    request_text       varchar(2000)     NOT NULL,
    address_text       varchar(200),
    lng                double precision,
    lat                double precision,
    coord_type         varchar(8),
    category_code      varchar(16)       NOT NULL,
    deadline_at        timestamptz,
    caller_phone_enc   bytea,
    caller_phone_hash  bytea,
    caller_phone_mask  varchar(24),
    callback_url       varchar(500),
    created_at         timestamptz       NOT NULL,
    CONSTRAINT hotline_order_no_unique UNIQUE (client_id, order_no),
    CONSTRAINT hotline_order_position_pair CHECK ((lng IS NULL) = (lat IS NULL))
);

-- The callback outbox: one row per state change of an order's incident, written in the change's transaction,
-- delivered at least once (claimed with FOR UPDATE SKIP LOCKED, retried with a doubling pause); event_key goes
-- out as the Idempotency-Key header so the receiver can drop repeats.
CREATE TABLE hotline_callback (
    id               bigserial     PRIMARY KEY,
    order_id         bigint        NOT NULL REFERENCES hotline_order (id),
    flow_id          bigint        NOT NULL,
    event_key        varchar(80)   NOT NULL UNIQUE,
    url              varchar(500)  NOT NULL,
    payload          jsonb         NOT NULL,
    state            varchar(10)   NOT NULL DEFAULT 'PENDING'
                     CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL,
    claimed_at       timestamptz,
    sent_at          timestamptz,
    last_error       varchar(500),
    created_at       timestamptz   NOT NULL
);
CREATE INDEX hotline_callback_due_idx ON hotline_callback (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX hotline_callback_order_idx ON hotline_callback (order_id);
