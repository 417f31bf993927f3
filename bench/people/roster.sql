-- pgbench: the SQL a building's roster page sends (RosterService: the scope check of the building, the page of
-- households with their rooms, the people of those households), for building :b (1..400 by code), 50 households.
-- A hand copy of HouseholdRepository.DETAIL / PersonRepository.ofHouseholds (the scope check is RegionRepository's
-- findById, here reduced to its predicate); keep it in step when those change. run.sh puts before it the lines that
-- set :b_id to one of the measured buildings, in turn.
SELECT r.id FROM region r WHERE r.id = :b_id AND r.path <@ '1'::ltree;
SELECT h.id, h.label, h.version, h.room_id, r.number, u.name AS unit_name, r.floor, r.use, h.building_id,
       b.name AS building_name, ltree2text(b.path) AS building_path
FROM household h JOIN room r ON r.id = h.room_id LEFT JOIN house_unit u ON u.id = r.unit_id JOIN region b ON b.id = h.building_id
WHERE h.building_id = :b_id AND h.id > 0 ORDER BY h.id LIMIT 51;
SELECT p.id, p.household_id, p.building_id, p.name, p.id_number_enc, p.phone_enc, p.gender, p.birth_date, p.relation,
       p.tags, p.party_member_id, p.volunteer_id, p.version
FROM person p WHERE p.household_id = ANY (ARRAY(SELECT id FROM household WHERE building_id = :b_id AND id > 0
                                               ORDER BY id LIMIT 50))
ORDER BY p.household_id, p.id;
