-- Issue 10 §3: co-building units (共驻共建). A unit (机关、事业单位、企业、社会组织) signs an agreement with one or more
-- communities (one agreement per unit and community, with its dates and both sides' duties) and offers resources
-- (场地、设备、志愿服务、资金). Its contact person's phone is personal data: encrypted, with a keyed hash to link the
-- contact to the mini-program user who proves the same phone through WeChat, shown masked.
CREATE TABLE cobuild_unit (
    id                 bigserial    PRIMARY KEY,
    name               varchar(120) NOT NULL,
    kind               varchar(24)  NOT NULL CHECK (kind IN ('AGENCY', 'PUBLIC_INSTITUTION', 'ENTERPRISE', 'SOCIAL_ORGANISATION')),
    -- 统一社会信用代码, when known: one unit per code
    credit_code        varchar(18)  CONSTRAINT cobuild_unit_credit_code_unique UNIQUE,
    address            varchar(200),
    contact_name       varchar(64)  NOT NULL,
    contact_phone_enc  bytea        NOT NULL,
    contact_phone_hash bytea        NOT NULL,
    -- the mini-program user who proved the contact's phone (WeChat's phone API)
    contact_user_id    bigint       REFERENCES app_user (id),
    version            integer      NOT NULL DEFAULT 0,
    created_by         bigint       REFERENCES app_user (id),
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL
);
CREATE INDEX cobuild_unit_contact_hash_idx ON cobuild_unit (contact_phone_hash);
CREATE INDEX cobuild_unit_contact_user_idx ON cobuild_unit (contact_user_id) WHERE contact_user_id IS NOT NULL;

-- The agreement (共建协议) of a unit with a community: the unit is seen and managed through it, by admins whose
-- scope contains the community.
CREATE TABLE cobuild_agreement (
    id               bigserial     PRIMARY KEY,
    unit_id          bigint        NOT NULL REFERENCES cobuild_unit (id),
    community_id     bigint        NOT NULL REFERENCES region (id),
    signed_on        date          NOT NULL,
    valid_until      date          NOT NULL,
    community_duties varchar(1000) NOT NULL,
    unit_duties      varchar(1000) NOT NULL,
    status           varchar(16)   NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ENDED')),
    end_reason       varchar(200),
    version          integer       NOT NULL DEFAULT 0,
    created_by       bigint        REFERENCES app_user (id),
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    CONSTRAINT cobuild_agreement_once UNIQUE (unit_id, community_id),
    CONSTRAINT cobuild_agreement_dates CHECK (valid_until >= signed_on),
    CONSTRAINT cobuild_agreement_end_reason CHECK (status <> 'ENDED' OR end_reason IS NOT NULL)
);
CREATE INDEX cobuild_agreement_community_idx ON cobuild_agreement (community_id, valid_until);

-- What a unit offers: a venue, equipment, volunteer service or funds, with its capacity and when it is available.
CREATE TABLE cobuild_resource (
    id           bigserial    PRIMARY KEY,
    unit_id      bigint       NOT NULL REFERENCES cobuild_unit (id),
    kind         varchar(24)  NOT NULL CHECK (kind IN ('VENUE', 'EQUIPMENT', 'VOLUNTEER_SERVICE', 'FUNDS')),
    name         varchar(120) NOT NULL,
    capacity     varchar(120) NOT NULL,
    availability varchar(200) NOT NULL,
    active       boolean      NOT NULL DEFAULT true,
    version      integer      NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);
CREATE INDEX cobuild_resource_unit_idx ON cobuild_resource (unit_id);

-- Resource sharing: a community requests a unit's resource (REQUEST) or the unit offers it (OFFER); the other side
-- accepts or declines; the use is recorded with its date and outcome. The allowed steps live in ShareFlow (Java).
CREATE TABLE cobuild_share (
    id             bigserial    PRIMARY KEY,
    resource_id    bigint       NOT NULL REFERENCES cobuild_resource (id),
    unit_id        bigint       NOT NULL REFERENCES cobuild_unit (id),
    community_id   bigint       NOT NULL REFERENCES region (id),
    kind           varchar(16)  NOT NULL CHECK (kind IN ('REQUEST', 'OFFER')),
    status         varchar(16)  NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'USED')),
    purpose        varchar(500) NOT NULL,
    wanted_on      date,
    initiated_by   bigint       NOT NULL REFERENCES app_user (id),
    decided_by     bigint       REFERENCES app_user (id),
    decided_at     timestamptz,
    decline_reason varchar(200),
    used_on        date,
    outcome        varchar(500),
    recorded_by    bigint       REFERENCES app_user (id),
    recorded_at    timestamptz,
    version        integer      NOT NULL DEFAULT 0,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    CONSTRAINT cobuild_share_declined CHECK (status <> 'DECLINED' OR decline_reason IS NOT NULL),
    CONSTRAINT cobuild_share_used CHECK (status <> 'USED' OR (used_on IS NOT NULL AND outcome IS NOT NULL))
);
CREATE INDEX cobuild_share_community_idx ON cobuild_share (community_id, status);
CREATE INDEX cobuild_share_unit_idx ON cobuild_share (unit_id);
