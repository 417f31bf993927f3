-- Locates a WGS-84 point ($1 = longitude, $2 = latitude, degrees) in the region tree.
-- Answers one row: the chain of areas (county first) down to the deepest area containing the point, as the
-- ids of its path and the codes, names and levels that area carries (V7_97), and the building, if any: the
-- footprint containing the point, else the nearest building of the deepest compound within 30 m (searched only
-- when no footprint contains the point). No row when the point is outside the county.
-- A point on a border shared by two areas of the same level goes to the one with the lowest id.
-- Loaded as is by RegionRepository and run by the locate benchmark through pgbench: keep it ONE statement.
WITH pt AS MATERIALIZED (
    SELECT p.g, p.g::geography AS gg,
           -- a box a little over 30 m around the point, to pick candidates before measuring on the spheroid
           ST_Expand(p.g, 33.0 / (111320.0 * cos(radians($2::float8))), 33.0 / 110574.0) AS near
    FROM (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) AS g) p
),
hit AS MATERIALIZED (
    -- every node whose area or footprint covers the point, in one probe of the boundary index
    SELECT r.id, r.code, r.name, r.level, r.path, r.chain_codes, r.chain_names, r.chain_levels
    FROM region r, pt
    WHERE ST_Covers(r.boundary, pt.g)
),
deepest AS MATERIALIZED (
    SELECT * FROM hit WHERE level <> 'BUILDING' ORDER BY nlevel(path) DESC, id LIMIT 1
),
footprint AS MATERIALIZED (
    SELECT id, code, name, 0.0::float8 AS distance_m FROM hit WHERE level = 'BUILDING' ORDER BY id LIMIT 1
)
SELECT string_to_array(ltree2text(d.path), '.')::bigint[] AS chain_ids, d.chain_codes, d.chain_names,
       d.chain_levels, b.id AS building_id, b.code AS building_code, b.name AS building_name, b.distance_m
FROM deepest d
LEFT JOIN LATERAL (
    SELECT * FROM footprint
    UNION ALL
    (SELECT n.id, n.code, n.name, ST_Distance(coalesce(n.boundary, n.position)::geography, pt.gg) AS distance_m
     FROM pt, region n
     WHERE NOT EXISTS (SELECT 1 FROM footprint)
       AND d.level = 'COMPOUND' AND n.parent_id = d.id
       AND coalesce(n.boundary, n.position) && pt.near
       AND ST_DWithin(coalesce(n.boundary, n.position)::geography, pt.gg, 30)
     ORDER BY distance_m, n.id
     LIMIT 1)
) b ON true;
