-- Linkage with departments (issue 11 §1–3): the responsibility list (权责清单) and the calls of 吹哨报到.

-- The responsibility list: per category exactly one lead department (one column, so two cannot exist), its
-- supporting departments, the legal basis and the response deadline of a call (working hours). The current
-- entry lives here; every version, with who changed it and when, in responsibility_version.
CREATE TABLE responsibility_entry (
    category_id          bigint       PRIMARY KEY REFERENCES incident_category (id),
    lead_department_id   bigint       NOT NULL REFERENCES department (id),
    supporting_ids       bigint[]     NOT NULL DEFAULT '{}',
    legal_basis          varchar(2000) NOT NULL,
    response_hours       integer      NOT NULL DEFAULT 2 CHECK (response_hours BETWEEN 1 AND 72),
    version              integer      NOT NULL DEFAULT 1,
    changed_by           bigint       NOT NULL REFERENCES app_user (id),
    changed_at           timestamptz  NOT NULL,
    CONSTRAINT responsibility_lead_not_supporting CHECK (NOT lead_department_id = ANY (supporting_ids))
);

CREATE TABLE responsibility_version (
    category_id          bigint       NOT NULL REFERENCES incident_category (id),
    version              integer      NOT NULL,
    lead_department_id   bigint       NOT NULL REFERENCES department (id),
    supporting_ids       bigint[]     NOT NULL,
    legal_basis          varchar(2000) NOT NULL,
    response_hours       integer      NOT NULL,
    changed_by           bigint       NOT NULL REFERENCES app_user (id),
    changed_at           timestamptz  NOT NULL,
    PRIMARY KEY (category_id, version)
);

-- One call of a department to an incident (吹哨): it must report (报到: accept and name a handler) by
-- respond_by; it may refuse once, which goes to the county for arbitration (final); the lead resolves, the
-- whistling node verifies. Every step is also a row of the incident's flow.
CREATE TABLE department_call (
    id                   bigserial    PRIMARY KEY,
    incident_id          bigint       NOT NULL REFERENCES incident (id),
    department_id        bigint       NOT NULL REFERENCES department (id),
    role                 varchar(8)   NOT NULL CHECK (role IN ('LEAD', 'SUPPORT')),
    status               varchar(16)  NOT NULL CHECK (status IN ('CALLED', 'REPORTED', 'REFUSED', 'REASSIGNED',
                                          'RESOLVED', 'VERIFIED')),
    -- why a department not proposed by the list was called
    reason               varchar(500),
    called_by            bigint       NOT NULL REFERENCES app_user (id),
    -- the whistling node: its staff verify the result
    caller_region_id     bigint       NOT NULL REFERENCES region (id),
    caller_path          ltree        NOT NULL,
    called_at            timestamptz  NOT NULL,
    respond_by           timestamptz  NOT NULL,
    reported_at          timestamptz,
    handler_id           bigint       REFERENCES app_user (id),
    handle_by            timestamptz,
    -- a call refused once cannot be refused again (nor one the county's arbitration decided)
    refusable            boolean      NOT NULL DEFAULT true,
    refusal_reason       varchar(500),
    arbitration_comment  varchar(500),
    arbitrated_by        bigint       REFERENCES app_user (id),
    resolved_at          timestamptz,
    version              integer      NOT NULL DEFAULT 0,
    updated_at           timestamptz  NOT NULL,
    CONSTRAINT department_call_once UNIQUE (incident_id, department_id),
    CONSTRAINT department_call_reported CHECK (status NOT IN ('REPORTED', 'RESOLVED', 'VERIFIED')
                                                OR (reported_at IS NOT NULL AND handler_id IS NOT NULL))
);
-- visibility's EXISTS (incident, department) is the unique index; department staff's lists by department
CREATE INDEX department_call_department_idx ON department_call (department_id, id);
CREATE INDEX department_call_open_idx ON department_call (status, respond_by) WHERE status IN ('CALLED', 'REFUSED');

-- feed tickets remember a department viewer too
ALTER TABLE feed_ticket ADD COLUMN department_id bigint;
