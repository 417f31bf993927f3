-- 共建单位认领志愿任务 (issue 10 §4): besides volunteers and Party members, a co-building unit takes a task's place
-- through its linked contact, when it has an agreement in force with the task's community. A claim is either a
-- volunteer's or a unit's; a unit claims a task once; the contact (claimant_user_id) reports the unit's part done.
-- Points are a person's: a unit's confirmed claim credits none (its service is on the claim and the unit's record).
ALTER TABLE volunteer_claim
    ALTER COLUMN volunteer_id DROP NOT NULL,
    ADD COLUMN cobuild_unit_id  bigint REFERENCES cobuild_unit (id),
    ADD COLUMN claimant_user_id bigint REFERENCES app_user (id),
    ADD CONSTRAINT volunteer_claim_one_claimer CHECK ((volunteer_id IS NULL) <> (cobuild_unit_id IS NULL)),
    ADD CONSTRAINT volunteer_claim_unit_contact CHECK (cobuild_unit_id IS NULL OR claimant_user_id IS NOT NULL);
CREATE UNIQUE INDEX volunteer_claim_unit_once ON volunteer_claim (task_id, cobuild_unit_id)
    WHERE cobuild_unit_id IS NOT NULL;
CREATE INDEX volunteer_claim_claimant_idx ON volunteer_claim (claimant_user_id, id) WHERE claimant_user_id IS NOT NULL;
