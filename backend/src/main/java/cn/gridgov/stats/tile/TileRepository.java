package cn.gridgov.stats.tile;

import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.Visibility;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Mapbox Vector Tiles made by PostGIS ({@code ST_AsMVT}): each query returns one layer of one tile, filtered by the
 * caller's scope (regions: {@code path <@ scope}; incidents: {@link Visibility}). Parameters: $1 z, $2 x, $3 y; for
 * regions $4 the scope (ltree text, null for no region scope) and $5 the levels; for incidents $4 the user id, $5 the
 * scope and $6 whether closed ones are included.
 */
@ApplicationScoped
public class TileRepository {

    /** The tile's envelope in EPSG:3857, the same grown by the MVT buffer, and the latter in WGS-84 for the indexes. */
    private static final String TILE = """
            WITH t AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
                 b AS (SELECT env, ST_Transform(ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * %d / %d.0), 4326) AS box
                       FROM t)
            """.formatted(TileRules.BUFFER, TileRules.EXTENT);

    private static final String REGIONS = TILE + """
            SELECT ST_AsMVT(m, 'regions', %1$d, 'geom') FROM (
                SELECT ST_AsMVTGeom(ST_Transform(COALESCE(r.boundary, r.position), 3857), b.env, %1$d, %2$d, true) AS geom,
                       r.id, r.code, r.name, r.level, r.parent_id AS "parentId"
                FROM b, region r
                WHERE r.level = ANY($5::text[])
                  AND (r.boundary && b.box OR (r.boundary IS NULL AND r.position && b.box))
                  AND ($4::text IS NULL OR %3$s)
            ) m WHERE m.geom IS NOT NULL
            """.formatted(TileRules.EXTENT, TileRules.BUFFER, RegionSql.within("r", "$4"));

    /** The visible incidents in the (buffered) tile, with their open and deadline marks; {@code %s} is the status filter. */
    private static final String VISIBLE_INCIDENTS = """
            , v AS (
                SELECT i.id, i.status, i.category_id, i.source, i.reported_at, ST_Transform(i.position, 3857) AS p,
                       i.status IN %1$s AS open,
                       (i.status IN %1$s AND s.warned_at IS NOT NULL) AS warned,
                       (i.status IN %1$s AND s.overdue_at IS NOT NULL) AS overdue
                FROM b, incident i
                LEFT JOIN incident_supervision s ON s.incident_id = i.id
                WHERE i.position && b.box AND %2$s AND ($6::boolean OR i.status IN %1$s)
            )
            """.formatted(IncidentStatus.sql(IncidentStatus.OPEN), Visibility.sql(4));

    private static final String INCIDENT_POINTS = TILE + VISIBLE_INCIDENTS + """
            SELECT ST_AsMVT(m, 'incidents', %1$d, 'geom') FROM (
                SELECT ST_AsMVTGeom(v.p, b.env, %1$d, %2$d, true) AS geom,
                       v.id, 1 AS count, v.status, v.category_id AS "categoryId", c.name AS "categoryName", v.source,
                       v.open, v.warned, v.overdue, extract(epoch FROM v.reported_at)::bigint AS "reportedAt"
                FROM b, v JOIN incident_category c ON c.id = v.category_id
            ) m WHERE m.geom IS NOT NULL
            """.formatted(TileRules.EXTENT, TileRules.BUFFER);

    /** Incidents counted per grid cell of {@code %3$d} cells across the tile. */
    private static final String CELLS = """
            , g AS (
                SELECT floor((ST_X(v.p) - ST_XMin(b.env)) / ((ST_XMax(b.env) - ST_XMin(b.env)) / %1$d)) AS gx,
                       floor((ST_Y(v.p) - ST_YMin(b.env)) / ((ST_XMax(b.env) - ST_XMin(b.env)) / %1$d)) AS gy,
                       count(*)::int AS count, (count(*) FILTER (WHERE v.open))::int AS open,
                       (count(*) FILTER (WHERE v.warned))::int AS warned,
                       (count(*) FILTER (WHERE v.overdue))::int AS overdue,
                       CASE WHEN count(*) = 1 THEN min(v.id) END AS id,
                       ST_Centroid(ST_Collect(v.p)) AS centre
                FROM b, v GROUP BY 1, 2
            )
            """;

    private static final String INCIDENT_CLUSTERS = TILE + VISIBLE_INCIDENTS + CELLS.formatted(TileRules.CLUSTER_CELLS) + """
            SELECT ST_AsMVT(m, 'incidents', %1$d, 'geom') FROM (
                SELECT ST_AsMVTGeom(g.centre, b.env, %1$d, %2$d, true) AS geom,
                       g.id, g.count, g.open, g.warned, g.overdue
                FROM b, g
            ) m WHERE m.geom IS NOT NULL
            """.formatted(TileRules.EXTENT, TileRules.BUFFER);

    private static final String DENSITY = TILE + VISIBLE_INCIDENTS + CELLS.formatted(TileRules.DENSITY_CELLS) + """
            SELECT ST_AsMVT(m, 'density', %1$d, 'geom') FROM (
                SELECT ST_AsMVTGeom(ST_MakeEnvelope(
                           ST_XMin(b.env) + g.gx * (ST_XMax(b.env) - ST_XMin(b.env)) / %3$d,
                           ST_YMin(b.env) + g.gy * (ST_XMax(b.env) - ST_XMin(b.env)) / %3$d,
                           ST_XMin(b.env) + (g.gx + 1) * (ST_XMax(b.env) - ST_XMin(b.env)) / %3$d,
                           ST_YMin(b.env) + (g.gy + 1) * (ST_XMax(b.env) - ST_XMin(b.env)) / %3$d, 3857),
                           b.env, %1$d, %2$d, true) AS geom,
                       g.count, g.open, g.warned, g.overdue
                FROM b, g
            ) m WHERE m.geom IS NOT NULL
            """.formatted(TileRules.EXTENT, TileRules.BUFFER, TileRules.DENSITY_CELLS);

    private final Pool pool;

    public TileRepository(Pool pool) {
        this.pool = pool;
    }

    /** The boundaries (buildings without a footprint: their position) of {@code levels} in the tile and the scope. */
    public Uni<byte[]> regions(TileAddress tile, String scopePath, List<RegionLevel> levels) {
        String[] names = levels.stream().map(Enum::name).toArray(String[]::new);
        return tile(REGIONS, Tuple.of(tile.z(), tile.x(), tile.y()).addValue(scopePath).addArrayOfString(names));
    }

    /** Visible incidents one by one, or clustered per grid cell; closed ones too when {@code includeClosed}. */
    public Uni<byte[]> incidents(TileAddress tile, long userId, String scopePath, boolean clustered, boolean includeClosed) {
        return tile(clustered ? INCIDENT_CLUSTERS : INCIDENT_POINTS,
                Tuple.of(tile.z(), tile.x(), tile.y(), userId).addValue(scopePath).addBoolean(includeClosed));
    }

    /** Visible incidents counted per density cell. */
    public Uni<byte[]> density(TileAddress tile, long userId, String scopePath, boolean includeClosed) {
        return tile(DENSITY, Tuple.of(tile.z(), tile.x(), tile.y(), userId).addValue(scopePath).addBoolean(includeClosed));
    }

    private Uni<byte[]> tile(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(TileRepository::bytes);
    }

    private static byte[] bytes(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        var buffer = row.getBuffer(0);
        return buffer == null ? new byte[0] : buffer.getBytes();
    }
}
