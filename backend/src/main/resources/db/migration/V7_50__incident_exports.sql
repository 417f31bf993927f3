-- Every incident export: who took which rows away, in which format, and whether personal data was in full
-- (a reveal then also has its pii_reveal_audit row, subject_kind 'incident_export' and this id).
CREATE TABLE incident_export (
    id            bigserial    PRIMARY KEY,
    actor_user_id bigint       NOT NULL REFERENCES app_user (id),
    format        varchar(16)  NOT NULL CHECK (format IN ('CSV', 'GEOJSON', 'XLSX')),
    -- the filter as the caller gave it (query parameters), for the audit trail
    filter        jsonb        NOT NULL,
    revealed      boolean      NOT NULL,
    -- the rows counted before streaming, and those written once it ended (null while running or cut off)
    rows_counted  bigint       NOT NULL,
    rows_written  bigint,
    started_at    timestamptz  NOT NULL,
    finished_at   timestamptz
);
CREATE INDEX incident_export_actor_idx ON incident_export (actor_user_id, started_at);
