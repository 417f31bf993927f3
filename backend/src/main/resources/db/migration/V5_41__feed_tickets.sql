-- One-time feed tickets: a browser cannot send headers with a WebSocket, so instead of its access token in the
-- URL (which proxies and access logs record) it trades the token for a ticket valid a few seconds, used once.
-- Only the ticket's SHA-256 is stored; any replica accepts it; using it deletes it.
CREATE TABLE feed_ticket (
    ticket_hash       bytea        PRIMARY KEY,
    user_id           bigint       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    -- the viewer the access token described: its staff scope (null for residents) and when it expires
    scope_path        ltree,
    token_expires_at  timestamptz  NOT NULL,
    expires_at        timestamptz  NOT NULL
);
CREATE INDEX feed_ticket_expires_idx ON feed_ticket (expires_at);
