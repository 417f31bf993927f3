-- Seeds the export benchmark's data set-based, once: 1,000 residents (their phones are loaded by run.sh,
-- encrypted with the server's key) and :n incidents (default 1,000,000) spread over the demo county's buildings
-- and compounds, statuses mixed as in bench/incidents (85 % closed). Marked 'bench 导出 #' in the description.
-- Run: psql -v n=1000000 -f seed.sql gridgov_exports_bench (after the server has migrated and imported the tree).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET work_mem = '64MB';
SELECT setseed(0.4242);

BEGIN;

INSERT INTO incident_category (code, name, handling_level, deadline_amount, deadline_unit)
VALUES ('B9', '压测大类', 'COMMUNITY', 3, 'WORKING_DAYS') ON CONFLICT (code) DO NOTHING;
INSERT INTO incident_category (code, name, parent_id, handling_level, deadline_amount, deadline_unit)
SELECT v.code, v.name, g.id, 'COMMUNITY', 3, 'WORKING_DAYS'
FROM (VALUES ('B901', '井盖破损或缺失'), ('B902', '道路破损'), ('B903', '占道经营'), ('B904', '垃圾堆放')) v(code, name),
     incident_category g WHERE g.code = 'B9'
ON CONFLICT (code) DO NOTHING;

INSERT INTO app_user (kind, openid, nickname)
SELECT 'RESIDENT', 'bench-export-resident-' || g, '居民' || g FROM generate_series(1, 1000) g
ON CONFLICT (openid) DO NOTHING;

CREATE TEMP TABLE bench_resident AS
SELECT row_number() OVER (ORDER BY id) AS n, id FROM app_user WHERE openid LIKE 'bench-export-resident-%';
CREATE TEMP TABLE bench_cat AS
SELECT row_number() OVER (ORDER BY code) AS n, id FROM incident_category WHERE code LIKE 'B9__';
CREATE TEMP TABLE bench_place AS
SELECT row_number() OVER (ORDER BY r.id) AS n, r.id, r.path,
       coalesce(ST_PointOnSurface(r.boundary), r.position) AS p,
       ltree2text(subpath(r.path, 1, 1))::bigint AS town_id, ltree2text(subpath(r.path, 2, 1))::bigint AS community_id,
       ltree2text(subpath(r.path, 3, 1))::bigint AS compound_id,
       CASE WHEN r.level = 'BUILDING' THEN r.id END AS building_id
FROM region r WHERE r.level IN ('BUILDING', 'COMPOUND') AND nlevel(r.path) >= 4;

INSERT INTO incident (category_id, source, status, description, position, region_id, region_path, town_id,
                      community_id, compound_id, building_id, owner_region_id, owner_path, reporter_id, reported_at,
                      deadline_at, closed_at, rating, updated_at)
SELECT c.id, CASE WHEN g.u < 0.55 THEN 'RESIDENT' ELSE 'GRID_REPORT' END, s.status,
       'bench 导出 #' || g.k || '：' || (ARRAY['井盖缺失，夜间有行人踩空的危险', '路面坑洼积水，车辆绕行',
           '商户占用人行道摆摊', '楼道堆放杂物，影响消防通道'])[1 + g.k % 4],
       ST_SetSRID(ST_MakePoint(ST_X(p.p) + (g.jx - 0.5) * 0.0002, ST_Y(p.p) + (g.jy - 0.5) * 0.0002), 4326),
       p.id, p.path, p.town_id, p.community_id, p.compound_id, p.building_id, p.community_id, subpath(p.path, 0, 3),
       r.id, t.at, t.at + interval '3 days',
       CASE WHEN s.status IN ('CLOSED', 'REJECTED') THEN t.at + interval '2 days' END,
       CASE WHEN s.status = 'CLOSED' AND g.u < 0.5 THEN 1 + (g.k % 5) END,
       t.at
FROM (SELECT k, random() AS u, random() AS us, random() AS up, random() AS jx, random() AS jy
      FROM generate_series(1, :n) k) g
CROSS JOIN LATERAL (SELECT CASE WHEN g.us < 0.03 THEN 'REPORTED' WHEN g.us < 0.05 THEN 'ACCEPTED'
                                WHEN g.us < 0.12 THEN 'RESOLVED' WHEN g.us < 0.15 THEN 'REJECTED'
                                ELSE 'CLOSED' END AS status) s
CROSS JOIN LATERAL (SELECT timestamptz '2026-11-30 00:00+08' - (:n - g.k) * interval '60 seconds' AS at) t
JOIN bench_place p ON p.n = 1 + (g.k::bigint * 7919) % (SELECT count(*) FROM bench_place)
JOIN bench_cat c ON c.n = 1 + g.k % 4
JOIN bench_resident r ON r.n = 1 + (g.k * 31) % 1000
ORDER BY g.k;

COMMIT;
