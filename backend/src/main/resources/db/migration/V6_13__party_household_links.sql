-- Issue 10 §2: Party member household links (党员联户). A member looks after up to N households (gridgov.party.
-- household-links-max) in the building or compound where they live. household belongs to the people domain and
-- comes with a later migration (V6_31), so household_id carries no foreign key here: the service checks the
-- household exists (through the people repository) when linking, and every read joins household, so a link to a
-- household removed later is simply not shown nor counted.
CREATE TABLE party_household_link (
    member_id     bigint       NOT NULL REFERENCES party_member (id),
    household_id  bigint       NOT NULL,
    created_by    bigint       NOT NULL REFERENCES app_user (id),
    created_at    timestamptz  NOT NULL,
    PRIMARY KEY (member_id, household_id)
);
CREATE INDEX party_household_link_household_idx ON party_household_link (household_id);
