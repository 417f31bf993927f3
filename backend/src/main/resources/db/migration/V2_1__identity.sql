-- Identity: users (WeChat residents and staff), staff accounts bound to one region node, tokens,
-- binding codes, rate limits shared by every replica, PII reveal audit, and the grid duty chain.

CREATE TABLE app_user (
    id            bigserial    PRIMARY KEY,
    kind          varchar(16)  NOT NULL CHECK (kind IN ('RESIDENT', 'STAFF')),
    -- the mini program's openid; a staff member has one once they linked their WeChat account
    openid        varchar(64)  UNIQUE,
    unionid       varchar(64),
    nickname      varchar(64),
    -- staff: the real name shown to colleagues
    display_name  varchar(64),
    -- AES-256-GCM ciphertext (version byte, IV, ciphertext+tag) and an HMAC-SHA256 to search by
    phone_enc     bytea,
    phone_hash    bytea,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    last_login_at timestamptz
);
CREATE INDEX app_user_phone_hash_idx ON app_user (phone_hash);
CREATE INDEX app_user_unionid_idx ON app_user (unionid);

CREATE TABLE staff_account (
    user_id       bigint       PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    -- stored lower-case; login is case-insensitive
    username      varchar(64)  NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    -- the node whose subtree this account sees and acts on (`path <@ scope`)
    region_id     bigint       NOT NULL REFERENCES region (id),
    roles         text[]       NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['GRID_WORKER',
                                   'BUILDING_LEAD', 'GRID_LEADER', 'COMMUNITY_ADMIN', 'TOWN_ADMIN', 'COUNTY_ADMIN']),
    active        boolean      NOT NULL DEFAULT true,
    created_by    bigint       REFERENCES app_user (id),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX staff_account_region_idx ON staff_account (region_id);

-- Opaque refresh tokens, only their SHA-256 stored; one family per login, rotated on every use.
CREATE TABLE refresh_token (
    id          bigserial   PRIMARY KEY,
    token_hash  bytea       NOT NULL UNIQUE,
    family_id   uuid        NOT NULL,
    user_id     bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);
CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at);

-- One-time codes that link a WeChat account to a staff account.
CREATE TABLE binding_code (
    code_hash     bytea       PRIMARY KEY,
    staff_user_id bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_by    bigint      REFERENCES app_user (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz
);
CREATE INDEX binding_code_staff_idx ON binding_code (staff_user_id);

-- Fixed-window counters (login attempts, failures, ...) kept here so every replica sees the same counts.
CREATE TABLE rate_limit (
    key        varchar(200) PRIMARY KEY,
    hits       integer      NOT NULL,
    expires_at timestamptz  NOT NULL
);
CREATE INDEX rate_limit_expires_idx ON rate_limit (expires_at);

-- Every time someone saw a full phone number (or any other personal datum) that is not their own.
CREATE TABLE pii_reveal_audit (
    id              bigserial    PRIMARY KEY,
    actor_user_id   bigint       NOT NULL REFERENCES app_user (id),
    subject_user_id bigint       NOT NULL REFERENCES app_user (id),
    field           varchar(32)  NOT NULL,
    reason          varchar(200),
    client_address  varchar(64),
    revealed_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX pii_reveal_audit_subject_idx ON pii_reveal_audit (subject_user_id, revealed_at);
CREATE INDEX pii_reveal_audit_actor_idx ON pii_reveal_audit (actor_user_id, revealed_at);

-- Who answers for a node: 网格长 on a community, 网格员 on a compound, 楼栋长 on a building.
CREATE TABLE grid_duty (
    id         bigserial   PRIMARY KEY,
    region_id  bigint      NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    duty       varchar(16) NOT NULL CHECK (duty IN ('GRID_LEADER', 'GRID_WORKER', 'BUILDING_LEAD')),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grid_duty_unique UNIQUE (region_id, duty, user_id)
);
CREATE INDEX grid_duty_user_idx ON grid_duty (user_id);
