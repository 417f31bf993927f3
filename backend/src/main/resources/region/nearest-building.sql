-- The nearest of some buildings ($3, bigint[]: the ids LocateTree picked around the point) within 30 m of a WGS-84
-- point ($1 = longitude, $2 = latitude, degrees), measured as locate.sql measures it (the same box, then the distance
-- on the spheroid); no row when none is that close. What locate sends to PostgreSQL when the tree held in memory finds
-- the point in a compound but in no footprint. Loaded as is by RegionRepository and run by bench/incidents through
-- pgbench: keep it ONE statement.
WITH pt AS MATERIALIZED (
    SELECT p.g::geography AS gg,
           ST_Expand(p.g, 33.0 / (111320.0 * cos(radians($2::float8))), 33.0 / 110574.0) AS near
    FROM (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) AS g) p
)
SELECT n.id AS building_id, n.code AS building_code, n.name AS building_name,
       ST_Distance(coalesce(n.boundary, n.position)::geography, pt.gg) AS distance_m
FROM pt, region n
WHERE n.id = ANY ($3::bigint[]) AND coalesce(n.boundary, n.position) && pt.near
  AND ST_DWithin(coalesce(n.boundary, n.position)::geography, pt.gg, 30)
ORDER BY distance_m, n.id
LIMIT 1;
