-- People and rooms (实有人口、实有房屋): stairwell units and rooms under a building, the households living in
-- rooms, and the people of each household. Every row hangs on a building (region level BUILDING) through
-- building_id, so data scope stays the one region rule (`building.path <@ scope`). The people package owns
-- these tables and reads/writes them through the SQL client only.

-- 单元: a stairwell unit of a building ("1单元").
CREATE TABLE house_unit (
    id           bigserial    PRIMARY KEY,
    building_id  bigint       NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    name         varchar(32)  NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT house_unit_name_per_building UNIQUE (building_id, name)
);

-- 房屋: a room (flat, shop) of a building, optionally in a unit, with its use.
CREATE TABLE room (
    id           bigserial    PRIMARY KEY,
    building_id  bigint       NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    unit_id      bigint       REFERENCES house_unit (id) ON DELETE CASCADE,
    -- the door number as written on it ("302")
    number       varchar(32)  NOT NULL,
    floor        integer,
    area_m2      numeric(8, 2) CHECK (area_m2 IS NULL OR area_m2 > 0),
    -- 自住 / 出租 / 空置 / 商用
    use          varchar(16)  NOT NULL CHECK (use IN ('SELF_OCCUPIED', 'RENTED', 'VACANT', 'COMMERCIAL')),
    version      integer      NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
-- one door number per unit (or per building when there are no units)
CREATE UNIQUE INDEX room_number_per_unit ON room (building_id, coalesce(unit_id, 0), number);
CREATE INDEX room_unit_idx ON room (unit_id) WHERE unit_id IS NOT NULL;

-- 户: a household living in a room. building_id is the room's (rooms never change building).
CREATE TABLE household (
    id            bigserial    PRIMARY KEY,
    room_id       bigint       NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    building_id   bigint       NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    -- the household's own label when the room alone does not tell it apart (two renting households)
    label         varchar(64),
    version       integer      NOT NULL DEFAULT 0,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX household_building_idx ON household (building_id);
CREATE INDEX household_room_idx ON household (room_id);

-- 人: a person of a household. ID number and phone are AES-256-GCM ciphertext with an HMAC-SHA256 to search by
-- (identity.personal.PersonalData); they are shown masked, and in full only to roles allowed, audited.
CREATE TABLE person (
    id              bigserial    PRIMARY KEY,
    household_id    bigint       NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    -- the household's building, copied so a building's roster is one index scan
    building_id     bigint       NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    name            varchar(64)  NOT NULL,
    id_number_enc   bytea,
    id_number_hash  bytea,
    phone_enc       bytea,
    phone_hash      bytea,
    -- read from the ID number when there is one
    gender          varchar(8)   CHECK (gender IN ('MALE', 'FEMALE')),
    birth_date      date,
    -- relation to the head of the household (户主 is HEAD)
    relation        varchar(16)  NOT NULL CHECK (relation IN ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD',
                                     'GRANDPARENT', 'SIBLING', 'TENANT', 'OTHER')),
    -- key-group kinds (重点人群): ELDERLY_ALONE, DISABLED, LOW_INCOME, LEFT_BEHIND_CHILD
    tags            text[]       NOT NULL DEFAULT '{}',
    -- links to the Party member and volunteer records when those exist (their tables belong to other domains)
    party_member_id bigint,
    volunteer_id    bigint,
    version         integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT person_id_number_complete CHECK ((id_number_enc IS NULL) = (id_number_hash IS NULL)),
    CONSTRAINT person_phone_complete CHECK ((phone_enc IS NULL) = (phone_hash IS NULL))
);
-- one person per ID number in the county's roll
CREATE UNIQUE INDEX person_id_number_unique ON person (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX person_phone_hash_idx ON person (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX person_building_idx ON person (building_id);
-- the due list reads only people in a key group
CREATE INDEX person_key_group_idx ON person (building_id, household_id) WHERE tags <> '{}';

-- A resident (WeChat account) who claimed a household with a code from their grid worker.
CREATE TABLE household_account (
    user_id       bigint       PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    household_id  bigint       NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    claimed_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX household_account_household_idx ON household_account (household_id);

-- One-time codes a grid worker hands to a household (only their SHA-256 stored).
CREATE TABLE household_claim_code (
    code_hash     bytea        PRIMARY KEY,
    household_id  bigint       NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    created_by    bigint       NOT NULL REFERENCES app_user (id),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    expires_at    timestamptz  NOT NULL,
    used_at       timestamptz,
    used_by       bigint       REFERENCES app_user (id)
);
CREATE INDEX household_claim_code_household_idx ON household_claim_code (household_id);
