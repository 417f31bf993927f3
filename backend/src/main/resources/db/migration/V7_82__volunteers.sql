-- Issue 10 §4: volunteers (志愿者). A logged-in app user (a resident, or a Party member through the same mini program)
-- registers once with the community they serve, with skills and available times. The phone is personal data, as a
-- Party member's: encrypted, with a keyed hash to find duplicates, shown masked, revealed only through the audit.
CREATE TABLE volunteer (
    id              bigserial    PRIMARY KEY,
    user_id         bigint       NOT NULL REFERENCES app_user (id),
    community_id    bigint       NOT NULL REFERENCES region (id),
    name            varchar(64)  NOT NULL,
    phone_enc       bytea        NOT NULL,
    phone_hash      bytea        NOT NULL,
    skills          text[]       NOT NULL DEFAULT '{}',
    available_times text[]       NOT NULL DEFAULT '{}',
    -- set when the user is a Party member: the Party organisation's leaderboard counts them
    party_member_id bigint       REFERENCES party_member (id),
    status          varchar(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'LEFT')),
    version         integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    CONSTRAINT volunteer_user_once UNIQUE (user_id),
    CONSTRAINT volunteer_phone_unique UNIQUE (phone_hash),
    CONSTRAINT volunteer_lists_short CHECK (cardinality(skills) <= 10 AND cardinality(available_times) <= 10)
);
CREATE INDEX volunteer_community_idx ON volunteer (community_id, id);
CREATE INDEX volunteer_party_member_idx ON volunteer (party_member_id) WHERE party_member_id IS NOT NULL;
