-- Security review (issue 9): growing login delays instead of lockouts, an append-only audit log of staff
-- changes, and the owner of each region import job.

-- Login delays per account and per address (LoginThrottle): attempts admitted since the last success,
-- and the earliest time the next attempt is checked. Times come from the application's clock.
CREATE TABLE login_delay (
    key         varchar(200) PRIMARY KEY,
    attempts    integer      NOT NULL,
    last_at     timestamptz  NOT NULL,
    not_before  timestamptz
);
CREATE INDEX login_delay_last_at_idx ON login_delay (last_at);

-- Every change of a staff account (created, roles, enabled/disabled, name, password, WeChat binding),
-- written in the transaction of the change. Before/after are short summaries without secrets.
CREATE TABLE staff_audit (
    id             bigserial    PRIMARY KEY,
    -- null for changes made by the system itself (first start, demo data)
    actor_user_id  bigint       REFERENCES app_user (id),
    action         varchar(32)  NOT NULL,
    target_user_id bigint       NOT NULL REFERENCES app_user (id),
    before         jsonb,
    after          jsonb,
    client_address varchar(64),
    at             timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX staff_audit_target_idx ON staff_audit (target_user_id, id);

-- Append-only: rows are never changed or removed, whoever asks.
CREATE FUNCTION staff_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'staff_audit is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER staff_audit_no_update_delete BEFORE UPDATE OR DELETE ON staff_audit
    FOR EACH ROW EXECUTE FUNCTION staff_audit_append_only();
CREATE TRIGGER staff_audit_no_truncate BEFORE TRUNCATE ON staff_audit
    FOR EACH STATEMENT EXECUTE FUNCTION staff_audit_append_only();

-- Who started an import, where they were bound and how high they ranked then: the job is theirs and their
-- superiors' to see. Null for imports of the system itself (first start).
ALTER TABLE region_import
    ADD COLUMN importer_user_id bigint REFERENCES app_user (id),
    ADD COLUMN importer_path    ltree,
    ADD COLUMN importer_rank    integer;
