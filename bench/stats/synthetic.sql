-- A synthetic stand-in for the benchmark county, in a scratch database of its own: only what the dashboard's SQL
-- reads (incident, incident_supervision, incident_category), with the indexes of V3_3 and V7_40 that apply.
-- Tree: county 1 → 10 towns → 200 communities → 2,000 compounds → 200,000 buildings, paths of ids as in region.path.
-- 1,000,000 incidents (:n), 90 % at a building and 10 % at a compound; status mix as bench/incidents/seed.sql
-- (85 % CLOSED, 3 % REJECTED, 2 % RESOLVED, 10 % open), open ones reported in the last 30 days, the rest over two
-- years; closed ones closed within 12 days, 60 % of them rated; supervision marks on part of the open ones.
-- Deterministic: setseed.
CREATE EXTENSION IF NOT EXISTS ltree;
DROP TABLE IF EXISTS incident_supervision, incident, incident_category;
CREATE TABLE incident_category (id bigint PRIMARY KEY, code varchar(16) NOT NULL, name varchar(64) NOT NULL);
INSERT INTO incident_category SELECT g, lpad(g::text, 4, '0'), '类别 ' || g FROM generate_series(1, 40) g;
CREATE TABLE incident (
    id bigserial PRIMARY KEY, category_id bigint NOT NULL, source varchar(16) NOT NULL, status varchar(16) NOT NULL,
    region_path ltree NOT NULL, reported_at timestamptz NOT NULL, deadline_at timestamptz NOT NULL,
    closed_at timestamptz, rating smallint);
CREATE TABLE incident_supervision (
    incident_id bigint PRIMARY KEY, warned_at timestamptz, overdue_at timestamptz, level integer NOT NULL DEFAULT 0,
    supervisor_path ltree, escalated_at timestamptz);

SELECT setseed(0.42);
-- town t (0..9): id 2+t; community c (0..199): id 100+c; compound k (0..1999): id 1000+k; building b: id 10000+b
INSERT INTO incident (category_id, source, status, region_path, reported_at, deadline_at, closed_at, rating)
SELECT 1 + (r1 * 40)::int % 40,
       (ARRAY['GRID_REPORT','GRID_REPORT','PATROL','RESIDENT','RESIDENT','HOTLINE'])[1 + (r2 * 6)::int % 6],
       st,
       text2ltree('1.' || (2 + k / 200) || '.' || (100 + k / 10) || '.' || (1000 + k)
                  || CASE WHEN r3 < 0.9 THEN '.' || (10000 + k * 100 + (r4 * 100)::int % 100) ELSE '' END),
       rep, rep + make_interval(days => 1 + (r5 * 10)::int),
       CASE WHEN st IN ('CLOSED', 'REJECTED') THEN rep + make_interval(secs => r6 * 12 * 86400) END,
       CASE WHEN st = 'CLOSED' AND r7 < 0.6 THEN (1 + least(4, (r7 * 8.4)::int))::smallint END
FROM (
    SELECT s.*, CASE WHEN st IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','SUSPENDED')
                     THEN now() - make_interval(secs => r8 * 30 * 86400)
                     ELSE now() - make_interval(secs => r8 * 730 * 86400) END AS rep
    FROM (
        SELECT (random() * 2000)::int % 2000 AS k, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
               random() AS r5, random() AS r6, random() AS r7, random() AS r8,
               CASE WHEN p < 0.85 THEN 'CLOSED' WHEN p < 0.88 THEN 'REJECTED' WHEN p < 0.90 THEN 'RESOLVED'
                    WHEN p < 0.93 THEN 'REPORTED' WHEN p < 0.95 THEN 'ACCEPTED' WHEN p < 0.97 THEN 'DISPATCHED'
                    WHEN p < 0.995 THEN 'IN_PROGRESS' ELSE 'SUSPENDED' END AS st
        FROM (SELECT random() AS p FROM generate_series(1, :n)) g
    ) s
) t;
INSERT INTO incident_supervision (incident_id, warned_at, overdue_at, level, supervisor_path, escalated_at)
SELECT id, reported_at + interval '1 day', CASE WHEN id % 10 < 4 THEN deadline_at END,
       CASE WHEN id % 10 < 2 THEN 1 ELSE 0 END, CASE WHEN id % 10 < 2 THEN subpath(region_path, 0, 3) END,
       CASE WHEN id % 10 < 2 THEN deadline_at END
FROM incident WHERE status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','SUSPENDED') AND id % 10 < 6;

CREATE INDEX incident_region_path_gist ON incident USING gist (region_path);
CREATE INDEX incident_status_idx ON incident (status, deadline_at);
CREATE INDEX incident_category_idx ON incident (category_id, reported_at);
CREATE INDEX incident_reported_at_idx ON incident (reported_at);
CREATE INDEX incident_open_region_path_gist ON incident USING gist (region_path)
    WHERE status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED');
CREATE INDEX incident_closed_at_idx ON incident (closed_at) WHERE status = 'CLOSED';
VACUUM ANALYZE incident;
VACUUM ANALYZE incident_supervision;
VACUUM ANALYZE incident_category;
