-- Issue 10 §4: points. Rewards a community lists with their stock (never negative), redemptions, and the append-only
-- ledger of every volunteer's points: credits (a confirmed claim, once: unique claim_id), spends (a redemption) and
-- corrections (with a reason). Each row carries the balance after it; a trigger checks it continues the previous row
-- and is never negative, and refuses any UPDATE or DELETE. Writers serialise per volunteer by locking the volunteer row.
CREATE TABLE volunteer_reward (
    id            bigserial    PRIMARY KEY,
    community_id  bigint       NOT NULL REFERENCES region (id),
    name          varchar(60)  NOT NULL,
    description   varchar(500),
    cost          integer      NOT NULL CHECK (cost BETWEEN 1 AND 100000),
    stock         integer      NOT NULL CHECK (stock >= 0),
    active        boolean      NOT NULL DEFAULT true,
    version       integer      NOT NULL DEFAULT 0,
    created_by    bigint       NOT NULL REFERENCES app_user (id),
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);
CREATE INDEX volunteer_reward_community_idx ON volunteer_reward (community_id, id);

CREATE TABLE volunteer_redemption (
    id            bigserial    PRIMARY KEY,
    reward_id     bigint       NOT NULL REFERENCES volunteer_reward (id),
    volunteer_id  bigint       NOT NULL REFERENCES volunteer (id),
    cost          integer      NOT NULL CHECK (cost > 0),
    created_at    timestamptz  NOT NULL
);
CREATE INDEX volunteer_redemption_volunteer_idx ON volunteer_redemption (volunteer_id, id);

CREATE TABLE volunteer_points (
    id             bigserial    PRIMARY KEY,
    volunteer_id   bigint       NOT NULL REFERENCES volunteer (id),
    kind           varchar(16)  NOT NULL CHECK (kind IN ('CREDIT', 'SPEND', 'CORRECTION')),
    amount         integer      NOT NULL,
    balance_after  integer      NOT NULL,
    reason         varchar(200),
    claim_id       bigint       REFERENCES volunteer_claim (id),
    redemption_id  bigint       REFERENCES volunteer_redemption (id),
    created_by     bigint       REFERENCES app_user (id),
    created_at     timestamptz  NOT NULL,
    CONSTRAINT volunteer_points_never_negative CHECK (balance_after >= 0),
    CONSTRAINT volunteer_points_claim_once UNIQUE (claim_id),
    CONSTRAINT volunteer_points_redemption_once UNIQUE (redemption_id),
    CONSTRAINT volunteer_points_kind CHECK (
        (kind = 'CREDIT' AND amount > 0 AND claim_id IS NOT NULL)
        OR (kind = 'SPEND' AND amount < 0 AND redemption_id IS NOT NULL)
        OR (kind = 'CORRECTION' AND amount <> 0 AND reason IS NOT NULL))
);
CREATE INDEX volunteer_points_volunteer_idx ON volunteer_points (volunteer_id, id);

CREATE FUNCTION volunteer_points_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'volunteer_points is append-only' USING ERRCODE = '55000';
    END IF;
    SELECT balance_after INTO previous FROM volunteer_points WHERE volunteer_id = NEW.volunteer_id
        ORDER BY id DESC LIMIT 1;
    IF NEW.balance_after <> coalesce(previous, 0) + NEW.amount THEN
        RAISE EXCEPTION 'balance_after % does not continue the ledger (% + %)', NEW.balance_after,
            coalesce(previous, 0), NEW.amount USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER volunteer_points_guard BEFORE INSERT OR UPDATE OR DELETE ON volunteer_points
    FOR EACH ROW EXECUTE FUNCTION volunteer_points_guard();

-- What a leaderboard ranks and a balance shows, derived from the ledger: earned (credits and corrections) and the
-- balance (the last row's balance_after).
CREATE VIEW volunteer_points_total AS
SELECT v.id AS volunteer_id,
       coalesce((SELECT sum(p.amount) FROM volunteer_points p
                 WHERE p.volunteer_id = v.id AND p.kind IN ('CREDIT', 'CORRECTION')), 0)::integer AS earned,
       coalesce((SELECT p.balance_after FROM volunteer_points p
                 WHERE p.volunteer_id = v.id ORDER BY p.id DESC LIMIT 1), 0) AS balance
FROM volunteer v;
