-- Seeds the visits benchmark deterministically (no random()): a demo-scale county of its own under code BENCH-V
-- (4 towns × 5 communities × 5 compounds × 20 buildings = 2,000 buildings), 20 rooms per building (40,000 rooms),
-- one household per room, 2 or 3 people per household (100,000 people), key-group tags by residue classes of the
-- person's number (about half the households end up in a key group), and one earlier visit for most of those
-- households (spread over the last 40 days), so the due list has every shade of overdue. The people go in through
-- the person table's triggers (key_group_refresh), as the houses import would put them.
-- Run: psql -v ON_ERROR_STOP=1 -f seed.sql <db> (a database migrated by the server; empty of BENCH-V).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET work_mem = '64MB';

BEGIN;
CREATE TEMP TABLE bench_node (n int, code text, name text, level text, parent_code text, x float8, y float8, r float8);
-- county at (113.0, 36.0); towns 0.2° apart, communities 0.04°, compounds 0.008°, buildings 0.0004°
INSERT INTO bench_node VALUES (0, 'BENCH-V', '压测县', 'COUNTY', NULL, 113.4, 36.1, 0.5);
INSERT INTO bench_node
SELECT t, 'BENCH-V-T' || t, '压测镇' || t, 'TOWN', 'BENCH-V', 113.0 + t * 0.2 + 0.1, 36.1, 0.1
FROM generate_series(0, 3) t;
INSERT INTO bench_node
SELECT t * 5 + c, 'BENCH-V-T' || t || 'C' || c, '压测社区' || t || '-' || c, 'COMMUNITY', 'BENCH-V-T' || t,
       113.0 + t * 0.2 + 0.02 + c * 0.04, 36.1, 0.02
FROM generate_series(0, 3) t, generate_series(0, 4) c;
INSERT INTO bench_node
SELECT (t * 5 + c) * 5 + k, 'BENCH-V-T' || t || 'C' || c || 'K' || k, '压测小区' || t || '-' || c || '-' || k, 'COMPOUND',
       'BENCH-V-T' || t || 'C' || c, 113.0 + t * 0.2 + c * 0.04 + 0.004 + k * 0.008, 36.1, 0.004
FROM generate_series(0, 3) t, generate_series(0, 4) c, generate_series(0, 4) k;
INSERT INTO bench_node
SELECT ((t * 5 + c) * 5 + k) * 20 + b, 'BENCH-V-T' || t || 'C' || c || 'K' || k || 'B' || b, b + 1 || '号楼', 'BUILDING',
       'BENCH-V-T' || t || 'C' || c || 'K' || k,
       113.0 + t * 0.2 + c * 0.04 + k * 0.008 + 0.001 + (b % 5) * 0.0015, 36.1 - 0.003 + (b / 5) * 0.0015, 0
FROM generate_series(0, 3) t, generate_series(0, 4) c, generate_series(0, 4) k, generate_series(0, 19) b;

-- the tree, level by level (ids from the region sequence, paths from the parents)
DO $$
DECLARE lvl text;
BEGIN
    FOREACH lvl IN ARRAY ARRAY['COUNTY', 'TOWN', 'COMMUNITY', 'COMPOUND', 'BUILDING'] LOOP
        INSERT INTO region (id, code, name, level, parent_id, path, boundary, position)
        SELECT s.id, s.code, s.name, s.level, p.id,
               CASE WHEN p.id IS NULL THEN s.id::text::ltree ELSE p.path || s.id::text END,
               CASE WHEN s.level = 'BUILDING' THEN NULL
                    ELSE ST_Multi(ST_MakeEnvelope(s.x - s.r, s.y - s.r, s.x + s.r, s.y + s.r, 4326)) END,
               ST_SetSRID(ST_MakePoint(s.x, s.y), 4326)
        FROM (SELECT nextval('region_id_seq') AS id, b.* FROM bench_node b WHERE b.level = lvl ORDER BY b.n) s
             LEFT JOIN region p ON p.code = s.parent_code;
    END LOOP;
END $$;

-- 40,000 rooms (20 per building: 5 floors × 4), one household each
INSERT INTO room (building_id, number, floor, use)
SELECT r.id, (f * 100 + d)::text, f, 'SELF_OCCUPIED'
FROM region r, generate_series(1, 5) f, generate_series(1, 4) d
WHERE r.level = 'BUILDING' AND r.code LIKE 'BENCH-V-%'
ORDER BY r.id, f, d;
INSERT INTO household (room_id, building_id)
SELECT m.id, m.building_id FROM room m JOIN region r ON r.id = m.building_id AND r.code LIKE 'BENCH-V-%' ORDER BY m.id;

-- 100,000 people: households alternate 2 and 3 people (the first 20,000 have 3); tags by residue classes
CREATE TEMP TABLE bench_household AS
SELECT row_number() OVER (ORDER BY h.id) AS n, h.id, h.building_id
FROM household h JOIN region r ON r.id = h.building_id AND r.code LIKE 'BENCH-V-%';
INSERT INTO person (household_id, building_id, name, relation, tags)
SELECT h.id, h.building_id, '压测居民' || p.k, CASE WHEN s.i = 1 THEN 'HEAD' ELSE 'OTHER' END,
       ARRAY(SELECT t FROM (VALUES (p.k % 13 = 0, 'ELDERLY_ALONE'), (p.k % 17 = 0, 'DISABLED'),
                                   (p.k % 11 = 0, 'LOW_INCOME'), (p.k % 19 = 0, 'LEFT_BEHIND_CHILD')) v (yes, t)
             WHERE yes)
FROM bench_household h
     CROSS JOIN LATERAL generate_series(1, CASE WHEN h.n <= 20000 THEN 3 ELSE 2 END) s (i)
     CROSS JOIN LATERAL (SELECT (h.n - 1) * 3 + s.i AS k) p
ORDER BY h.id, s.i;

-- one earlier visit for 9 of 10 key-group households, 0–39 days before the seed's fixed day
INSERT INTO app_user (kind, display_name) VALUES ('STAFF', 'bench-visits-seed');
INSERT INTO key_group_visit (household_id, building_id, visitor_id, visited_at, mode, situation, created_at)
SELECT g.household_id, g.building_id, u.id,
       timestamptz '2026-12-01 10:00+08' - make_interval(days => (g.household_id % 40)::int), 'PHONE', '压测走访',
       timestamptz '2026-12-01 10:00+08'
FROM key_group_household g JOIN region r ON r.id = g.building_id AND r.code LIKE 'BENCH-V-%'
     CROSS JOIN (SELECT id FROM app_user WHERE display_name = 'bench-visits-seed') u
WHERE g.household_id % 10 <> 0;
UPDATE key_group_household g SET last_visit_at = v.at, next_due_at = key_group_due(g.since, v.at, g.interval_days)
FROM (SELECT household_id, max(visited_at) AS at FROM key_group_visit GROUP BY household_id) v
WHERE v.household_id = g.household_id;
COMMIT;

VACUUM ANALYZE region;
VACUUM ANALYZE room;
VACUUM ANALYZE household;
VACUUM ANALYZE person;
VACUUM ANALYZE key_group_household;
VACUUM ANALYZE key_group_visit;

SELECT 'rooms', count(*) FROM room m JOIN region r ON r.id = m.building_id AND r.code LIKE 'BENCH-V-%'
UNION ALL SELECT 'people', count(*) FROM person p JOIN region r ON r.id = p.building_id AND r.code LIKE 'BENCH-V-%'
UNION ALL SELECT 'key-group households', count(*) FROM key_group_household g
    JOIN region r ON r.id = g.building_id AND r.code LIKE 'BENCH-V-%';
