-- People benchmark seed (issue 12 §6): 40,000 rooms and 100,000 people in the demo-scale county (its 400
-- buildings), deterministic (generate_series, no random()): each building gets 100 rooms in 2 units (1单元/2单元,
-- floors 1–13, 4 rooms a floor), every tenth room vacant, one household in each other room (36,000), and the
-- people dealt round the households in order: head, spouse, then children (2 or 3 a household). One in twenty
-- people carries a key-group tag. ID numbers and phones are filled in afterwards by pii.py (encrypted as the
-- server does). Run once on an empty people roll: psql -f seed.sql.
\set ON_ERROR_STOP 1
BEGIN;

CREATE TEMP TABLE bench_building AS
    SELECT id, (row_number() OVER (ORDER BY code)) - 1 AS n FROM region WHERE level = 'BUILDING';
SELECT count(*) AS buildings FROM bench_building \gset
SELECT CASE WHEN :buildings = 0 THEN 1/0 END;  -- the county must be imported first

INSERT INTO house_unit (building_id, name)
    SELECT b.id, u || '单元' FROM bench_building b CROSS JOIN generate_series(1, 2) u
    ON CONFLICT ON CONSTRAINT house_unit_name_per_building DO NOTHING;

-- room g (0..39,999): building g mod B, its j-th room (j = g div B): unit j mod 2 + 1, floor, door number
INSERT INTO room (building_id, unit_id, number, floor, area_m2, use)
SELECT b.id, u.id, ((j / 2) / 4 + 1) * 100 + (j / 2) % 4 + 1, (j / 2) / 4 + 1, 60 + g % 61,
       CASE WHEN g % 10 = 0 THEN 'VACANT' WHEN g % 10 IN (1, 2) THEN 'RENTED' ELSE 'SELF_OCCUPIED' END
FROM (SELECT g, g / :buildings AS j, g % :buildings AS bn FROM generate_series(0, 39999) g) s
JOIN bench_building b ON b.n = s.bn
JOIN house_unit u ON u.building_id = b.id AND u.name = (s.j % 2 + 1) || '单元';

INSERT INTO household (room_id, building_id)
SELECT id, building_id FROM room WHERE use <> 'VACANT' ORDER BY id;

CREATE TEMP TABLE bench_household AS
    SELECT id, building_id, (row_number() OVER (ORDER BY id)) - 1 AS n FROM household;
SELECT count(*) AS households FROM bench_household \gset

-- person g (0..99,999): household g mod H, the (g div H)-th of it
INSERT INTO person (household_id, building_id, name, relation, tags)
SELECT h.id, h.building_id, '居民' || lpad(g::text, 6, '0'),
       CASE g / :households WHEN 0 THEN 'HEAD' WHEN 1 THEN 'SPOUSE' ELSE 'CHILD' END,
       CASE WHEN g % 20 <> 0 THEN '{}'::text[]
            ELSE ARRAY[(ARRAY['ELDERLY_ALONE', 'DISABLED', 'LOW_INCOME', 'LEFT_BEHIND_CHILD'])[(g / 20) % 4 + 1]] END
FROM generate_series(0, 99999) g
JOIN bench_household h ON h.n = g % :households
ORDER BY h.id, g;

COMMIT;
VACUUM ANALYZE house_unit;
VACUUM ANALYZE room;
VACUUM ANALYZE household;
