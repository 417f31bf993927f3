-- The benchmark's fixed points (table bench_point, replaced): :n_building inside buildings, :n_compound inside
-- compounds, :n_county anywhere in the county. Chosen by a hash of the codes and ST_GeneratePoints' fixed seeds,
-- so every run (run.sh, compare.sh) picks the same ones. Run with psql -v n_building=… -v n_compound=… -v n_county=….
DROP TABLE IF EXISTS bench_point;
CREATE TABLE bench_point (id serial PRIMARY KEY, kind text NOT NULL, lng float8 NOT NULL, lat float8 NOT NULL);
INSERT INTO bench_point (kind, lng, lat)
SELECT kind, round(ST_X(p)::numeric, 7), round(ST_Y(p)::numeric, 7) FROM (
    SELECT 'building' AS kind, code, (ST_Dump(ST_GeneratePoints(
               coalesce(boundary, ST_Buffer(position::geography, 4)::geometry), 1, 42))).geom AS p
    FROM (SELECT * FROM region WHERE level = 'BUILDING' ORDER BY md5(code) LIMIT :n_building) b
    UNION ALL
    SELECT 'compound', code, (ST_Dump(ST_GeneratePoints(boundary, 1, 43))).geom
    FROM (SELECT * FROM region WHERE level = 'COMPOUND' ORDER BY md5(code) LIMIT :n_compound) c
    UNION ALL
    SELECT 'county', lpad(d.path[1]::text, 8, '0'), d.geom
    FROM region r, ST_Dump(ST_GeneratePoints(r.boundary, :n_county, 44)) d WHERE r.level = 'COUNTY'
) s ORDER BY md5(kind || code);
