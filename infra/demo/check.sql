-- Checks a generated county tree. Input: temp table demo_line(n bigint, line text), one line of the GeoJSON
-- file per row in file order (the generator writes one feature per line). Output: temp tables demo_region
-- (the parsed features) and demo_check (one row per check; failures must be 0), plus demo_level_count.
-- Used by infra/demo/check.sh (psql) and by DemoCountyGeometryTest (JDBC).

CREATE TEMP TABLE demo_region AS
SELECT n,
       j -> 'properties' ->> 'code'                      AS code,
       j -> 'properties' ->> 'parentCode'                AS parent_code,
       j -> 'properties' ->> 'name'                      AS name,
       j -> 'properties' ->> 'level'                     AS level,
       j -> 'properties'                                 AS props,
       ST_SetSRID(ST_GeomFromGeoJSON(j ->> 'geometry'), 4326) AS geom
FROM (SELECT n, rtrim(line, ',')::jsonb AS j FROM demo_line WHERE line LIKE '{"type":"Feature"%') f;
CREATE INDEX ON demo_region (code);
CREATE INDEX ON demo_region (parent_code);
ANALYZE demo_region;

CREATE TEMP TABLE demo_level(level text PRIMARY KEY, depth int);
INSERT INTO demo_level VALUES ('COUNTY', 0), ('TOWN', 1), ('COMMUNITY', 2), ('COMPOUND', 3), ('BUILDING', 4);

CREATE TEMP TABLE demo_level_count AS
SELECT l.level, l.depth, count(r.code) AS features
FROM demo_level l LEFT JOIN demo_region r ON r.level = l.level
GROUP BY l.level, l.depth;

CREATE TEMP TABLE demo_check(check_name text, failures bigint, example text);

INSERT INTO demo_check
SELECT 'exactly one county', abs(count(*) - 1), string_agg(code, ',') FROM demo_region WHERE level = 'COUNTY';

INSERT INTO demo_check
SELECT 'codes unique', count(*), min(code) FROM (SELECT code FROM demo_region GROUP BY code HAVING count(*) > 1) d;

INSERT INTO demo_check
SELECT 'known level, properties complete', count(*), min(code)
FROM demo_region r LEFT JOIN demo_level l ON l.level = r.level
WHERE l.level IS NULL OR coalesce(r.name, '') = '' OR jsonb_typeof(r.props -> 'attributes') <> 'object'
   OR coalesce(r.props -> 'partyOrg' ->> 'name', '') = '' OR coalesce(r.props -> 'partyOrg' ->> 'secretary', '') = ''
   OR (r.props -> 'attributes' ->> 'households') IS NULL OR (r.props -> 'attributes' ->> 'population') IS NULL;

INSERT INTO demo_check
SELECT 'parent exists, one level up, listed before', count(*), min(c.code)
FROM demo_region c
JOIN demo_level cl ON cl.level = c.level
LEFT JOIN demo_region p ON p.code = c.parent_code
LEFT JOIN demo_level pl ON pl.level = p.level
WHERE cl.depth > 0 AND (p.code IS NULL OR pl.depth <> cl.depth - 1 OR p.n >= c.n)
   OR cl.depth = 0 AND c.parent_code IS NOT NULL;

INSERT INTO demo_check
SELECT 'sibling names unique', count(*), min(parent_code || ' ' || name)
FROM (SELECT parent_code, name FROM demo_region GROUP BY parent_code, name HAVING count(*) > 1) d;

INSERT INTO demo_check
SELECT 'households add up', count(*), min(p.code)
FROM demo_region p
JOIN (SELECT parent_code, sum((props -> 'attributes' ->> 'households')::bigint) AS households
      FROM demo_region GROUP BY parent_code) s ON s.parent_code = p.code
WHERE (p.props -> 'attributes' ->> 'households')::bigint <> s.households;

INSERT INTO demo_check
SELECT 'polygons', count(*), min(code) FROM demo_region WHERE GeometryType(geom) <> 'POLYGON';

INSERT INTO demo_check
SELECT 'valid (ST_IsValid)', count(*), min(code || ': ' || ST_IsValidReason(geom))
FROM demo_region WHERE NOT ST_IsValid(geom);

INSERT INTO demo_check
SELECT 'inside the parent (ST_Within)', count(*), min(c.code)
FROM demo_region c JOIN demo_region p ON p.code = c.parent_code
WHERE NOT ST_Within(c.geom, p.geom);

INSERT INTO demo_check
SELECT 'compounds and buildings >= 5 m from the parent border', count(*),
       min(c.code || ': ' || round(ST_Distance(c.geom::geography, ST_ExteriorRing(p.geom)::geography)::numeric, 2) || ' m')
FROM demo_region c JOIN demo_region p ON p.code = c.parent_code
WHERE c.level IN ('COMPOUND', 'BUILDING')
  AND ST_DWithin(c.geom::geography, ST_ExteriorRing(p.geom)::geography, 5);

INSERT INTO demo_check
SELECT 'siblings do not overlap (interiors disjoint)', count(*), min(a.code || ' x ' || b.code)
FROM demo_region a JOIN demo_region b ON b.parent_code = a.parent_code AND a.code < b.code
WHERE a.geom && b.geom AND ST_Relate(a.geom, b.geom, 'T********');

INSERT INTO demo_check
SELECT 'towns tile the county, communities tile their town', count(*), min(p.code)
FROM demo_region p
JOIN (SELECT parent_code, sum(ST_Area(geom)) AS area FROM demo_region WHERE level IN ('TOWN', 'COMMUNITY')
      GROUP BY parent_code) s ON s.parent_code = p.code
WHERE abs(s.area - ST_Area(p.geom)) > 1e-9 * ST_Area(p.geom);

INSERT INTO demo_check
SELECT 'compounds >= 15 m apart (streets)', count(*), min(a.code || ' x ' || b.code)
FROM demo_region a JOIN demo_region b ON b.parent_code = a.parent_code AND a.code < b.code
WHERE a.level = 'COMPOUND' AND ST_Expand(a.geom, 0.0005) && b.geom
  AND ST_DWithin(a.geom::geography, b.geom::geography, 15);

INSERT INTO demo_check
SELECT 'buildings >= 8 m apart', count(*), min(a.code || ' x ' || b.code)
FROM demo_region a JOIN demo_region b ON b.parent_code = a.parent_code AND a.code < b.code
WHERE a.level = 'BUILDING' AND ST_Expand(a.geom, 0.0003) && b.geom
  AND ST_DWithin(a.geom::geography, b.geom::geography, 8);
