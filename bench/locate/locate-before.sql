-- Locates a WGS-84 point ($1 = longitude, $2 = latitude, degrees) in the region tree.
-- Answers one row per area of the chain (part 'chain', county first, ordered by depth), then at most one row
-- for the building (part 'building'): the footprint containing the point, else the nearest building of the
-- deepest compound within 30 m. No rows when the point is outside the county.
-- A point on a border shared by two areas of the same level goes to the one with the lowest id.
-- Loaded as is by RegionRepository and run by the locate benchmark through pgbench: keep it ONE statement.
WITH pt AS MATERIALIZED (
    SELECT p.g, p.g::geography AS gg,
           -- a box a little over 30 m around the point, to pick candidates before measuring on the spheroid
           ST_Expand(p.g, 33.0 / (111320.0 * cos(radians($2::float8))), 33.0 / 110574.0) AS near
    FROM (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) AS g) p
),
deepest AS MATERIALIZED (
    SELECT r.id, r.path, r.level
    FROM region r, pt
    WHERE r.level <> 'BUILDING' AND ST_Covers(r.boundary, pt.g)
    ORDER BY nlevel(r.path) DESC, r.id
    LIMIT 1
),
footprint AS MATERIALIZED (
    SELECT f.id, f.code, f.name, 0.0::float8 AS distance_m
    FROM region f, pt
    WHERE f.level = 'BUILDING' AND ST_Covers(f.boundary, pt.g)
    ORDER BY f.id
    LIMIT 1
),
building AS MATERIALIZED (
    SELECT * FROM footprint
    UNION ALL
    (SELECT n.id, n.code, n.name, ST_Distance(coalesce(n.boundary, n.position)::geography, pt.gg) AS distance_m
     FROM deepest d, pt, region n
     WHERE NOT EXISTS (SELECT 1 FROM footprint)
       AND d.level = 'COMPOUND' AND n.parent_id = d.id
       AND coalesce(n.boundary, n.position) && pt.near
       AND ST_DWithin(coalesce(n.boundary, n.position)::geography, pt.gg, 30)
     ORDER BY distance_m, n.id
     LIMIT 1)
)
SELECT 'chain' AS part, a.id, a.code, a.name, a.level, nlevel(a.path) AS depth, NULL::float8 AS distance_m
FROM deepest d
JOIN region a ON a.id = ANY (string_to_array(ltree2text(d.path), '.')::bigint[])
UNION ALL
SELECT 'building', b.id, b.code, b.name, 'BUILDING', 6, b.distance_m
FROM building b
WHERE EXISTS (SELECT 1 FROM deepest)
ORDER BY depth;
