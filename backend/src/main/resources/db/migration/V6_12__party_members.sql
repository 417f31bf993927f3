-- Issue 10 §2: Party members and dual registration (双报到). A member is a person, linked to an app user once
-- they register through the mini program (phone verified through WeChat's phone API); their phone is personal
-- data: encrypted, with a keyed hash to find duplicates, shown masked.
CREATE TABLE party_member (
    id          bigserial    PRIMARY KEY,
    user_id     bigint       UNIQUE REFERENCES app_user (id),
    name        varchar(64)  NOT NULL,
    phone_enc   bytea        NOT NULL,
    phone_hash  bytea        NOT NULL,
    -- the branch holding the member's organisation relation (组织关系所在支部)
    org_id      bigint       NOT NULL REFERENCES party_org (id),
    workplace   varchar(120),
    -- an in-service member (在职党员) reports to the community where they live
    in_service  boolean      NOT NULL DEFAULT false,
    status      varchar(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'LEFT')),
    version     integer      NOT NULL DEFAULT 0,
    created_by  bigint       REFERENCES app_user (id),
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    CONSTRAINT party_member_phone_unique UNIQUE (phone_hash)
);
CREATE INDEX party_member_org_idx ON party_member (org_id) WHERE status = 'ACTIVE';

-- A member's dual registration with the community where they live; one per member and community. A refusal
-- may be appealed once (appealed_at set, back to PENDING); a second refusal is final.
CREATE TABLE party_registration (
    id             bigserial    PRIMARY KEY,
    member_id      bigint       NOT NULL REFERENCES party_member (id),
    community_id   bigint       NOT NULL REFERENCES region (id),
    building_id    bigint       REFERENCES region (id),
    status         varchar(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED')),
    refusal_reason varchar(200),
    appeal_reason  varchar(200),
    appealed_at    timestamptz,
    decided_by     bigint       REFERENCES app_user (id),
    decided_at     timestamptz,
    version        integer      NOT NULL DEFAULT 0,
    created_at     timestamptz  NOT NULL,
    CONSTRAINT party_registration_once UNIQUE (member_id, community_id),
    CONSTRAINT party_registration_refusal_reason CHECK (status <> 'REFUSED' OR refusal_reason IS NOT NULL)
);
CREATE INDEX party_registration_community_idx ON party_registration (community_id, status);
CREATE INDEX party_registration_building_idx ON party_registration (building_id) WHERE status = 'APPROVED';

-- Subscribe messages about something other than an incident (a registration decided): the outbox row names its
-- subject instead, one row per subject and recipient, so a retried decision never sends twice.
ALTER TABLE notify_outbox ALTER COLUMN incident_id DROP NOT NULL;
ALTER TABLE notify_outbox ALTER COLUMN flow_id DROP NOT NULL;
ALTER TABLE notify_outbox
    ADD COLUMN subject varchar(64),
    ADD CONSTRAINT notify_outbox_about CHECK ((incident_id IS NOT NULL AND flow_id IS NOT NULL) OR subject IS NOT NULL),
    ADD CONSTRAINT notify_outbox_subject_once UNIQUE (subject, recipient_id);

-- Revealing personal data that is not an app user's own (a Party member's phone) is audited too: the subject is
-- then named by kind and id.
ALTER TABLE pii_reveal_audit ALTER COLUMN subject_user_id DROP NOT NULL;
ALTER TABLE pii_reveal_audit
    ADD COLUMN subject_kind varchar(32),
    ADD COLUMN subject_id bigint,
    ADD CONSTRAINT pii_reveal_audit_subject CHECK (subject_user_id IS NOT NULL OR (subject_kind IS NOT NULL AND subject_id IS NOT NULL));
