-- People and houses (#12 §1–2): what the roster, the bulk import and household claims need beyond V6_31.

-- A building's roster pages through its households by id, each with its people: one index range per page.
CREATE INDEX household_building_id_idx ON household (building_id, id);
CREATE INDEX person_household_id_idx ON person (household_id, id);

-- An import names a household by its room and label: one household per (room, label) so a second import of the
-- same file finds the households it made instead of doubling them.
CREATE UNIQUE INDEX household_label_per_room ON household (room_id, coalesce(label, ''));

-- The Party member a person is (党员): the record must exist; it is unlinked when the member is removed.
ALTER TABLE person ADD CONSTRAINT person_party_member_fk
    FOREIGN KEY (party_member_id) REFERENCES party_member (id) ON DELETE SET NULL;

-- Who changed a person last, and how (staff form, import, or the resident correcting their own household).
ALTER TABLE person ADD COLUMN updated_by bigint REFERENCES app_user (id) ON DELETE SET NULL;
ALTER TABLE person ADD COLUMN updated_via varchar(16) NOT NULL DEFAULT 'STAFF'
    CHECK (updated_via IN ('STAFF', 'IMPORT', 'RESIDENT'));
