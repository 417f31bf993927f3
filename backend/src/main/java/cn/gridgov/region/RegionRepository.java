package cn.gridgov.region;

import cn.gridgov.common.geo.LngLat;
import cn.gridgov.party.PartyOrg;
import cn.gridgov.party.PartyOrgKind;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the region tree, native SQL on the reactive pool. Every read takes the caller's scope (an ltree
 * path, {@code null} for unrestricted) and filters by it in SQL, so nodes outside the scope look absent.
 * Created at startup, so that a missing locate statement stops the application at once.
 */
@Startup
@ApplicationScoped
public class RegionRepository {

    /** Where the locate statement lives; the benchmark runs the very same file through pgbench. */
    static final String LOCATE_RESOURCE = "region/locate.sql";
    /** The Vert.x PostgreSQL client's default {@code preparedStatementCacheSqlLimit}. */
    static final int STATEMENT_CACHE_SQL_LIMIT = 2048;

    private static final String SELECT = """
            SELECT r.id, r.code, r.name, r.level, r.parent_id, ltree2text(r.path) AS path, r.attributes::text AS attributes,
                   r.version, ST_X(r.position) AS lng, ST_Y(r.position) AS lat,
                   po.id AS org_id, po.kind AS org_kind, po.name AS org_name, po.secretary_name AS org_secretary
            FROM region r LEFT JOIN party_org po ON po.region_id = r.id
            """;
    private static final String IN_SCOPE = " ($%d::text IS NULL OR r.path <@ text2ltree($%<d::text)) ";
    /** A node by id ($1) within a scope ($2, or null); a constant so bench/stats can print what the server sends. */
    static final String BY_ID = SELECT + " WHERE r.id = $1 AND" + IN_SCOPE.formatted(2);
    /** A node's children ($1 its id) within a scope ($2, or null), by id. */
    static final String CHILDREN = SELECT + " WHERE r.parent_id = $1 AND" + IN_SCOPE.formatted(2) + " ORDER BY r.id";

    /** Where the nearest-building statement lives; bench/incidents runs the very same file through pgbench. */
    static final String NEAREST_BUILDING_RESOURCE = "region/nearest-building.sql";
    /** A page of nodes for the locate tree: those after id $1, at most $2. */
    static final String LOCATE_ROWS = """
            SELECT r.id, r.code, r.name, r.level, nlevel(r.path) AS depth, r.parent_id, ltree2text(r.path) AS path,
                   r.chain_codes, r.chain_names, r.chain_levels, ST_AsBinary(r.boundary) AS boundary,
                   ST_XMin(b.box) AS min_x, ST_YMin(b.box) AS min_y, ST_XMax(b.box) AS max_x, ST_YMax(b.box) AS max_y
            FROM region r, LATERAL (SELECT coalesce(r.boundary, r.position)::box3d AS box) b
            WHERE r.id > $1
            ORDER BY r.id
            LIMIT $2""";
    /** Rows per page of {@link #LOCATE_ROWS}. */
    static final int LOCATE_ROWS_PAGE = 20_000;

    private final Pool pool;
    private final String locateSql;
    private final String nearestBuildingSql;

    public RegionRepository(Pool pool) {
        this.pool = pool;
        this.locateSql = compact(resource(LOCATE_RESOURCE));
        this.nearestBuildingSql = compact(resource(NEAREST_BUILDING_RESOURCE));
        if (locateSql.length() > STATEMENT_CACHE_SQL_LIMIT) {
            throw new IllegalStateException(LOCATE_RESOURCE + " is " + locateSql.length()
                    + " characters without comments: over the client's prepared-statement cache limit of "
                    + STATEMENT_CACHE_SQL_LIMIT + ", so every locate would be planned again");
        }
    }

    /**
     * The SQL as sent: comments and runs of white space dropped. The reactive client caches prepared statements
     * only up to {@link #STATEMENT_CACHE_SQL_LIMIT} characters; a longer text is parsed and planned on every call
     * (the locate benchmark measured it: a third of the throughput).
     */
    static String compact(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!code.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(code.replaceAll("\\s+", " "));
            }
        }
        return out.toString();
    }

    String locateSql() {
        return locateSql;
    }

    /** The ltree path of a node, or null when there is no such node; on {@code db} (a caller's transaction). */
    public Uni<String> pathOf(SqlClient db, long id) {
        return db.preparedQuery("SELECT ltree2text(path) AS path FROM region WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("path"));
    }

    /**
     * As {@link #pathOf}, holding the node's row until the transaction ends: an import that moves the node (or a
     * node above it, whose move rewrites this row's path too) waits, and then brings the caller's rows along; or it
     * ran first, and this reads the new path. One row only, so the two cannot deadlock.
     */
    public Uni<String> lockedPathOf(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT ltree2text(path) AS path FROM region WHERE id = $1 FOR SHARE")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("path"));
    }

    /** The id of the node above {@code id}, or null at the root; on {@code db} (a caller's transaction). */
    public Uni<Long> parentOf(SqlClient db, long id) {
        return db.preparedQuery("SELECT parent_id FROM region WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("parent_id"));
    }

    public Uni<Region> findById(long id, String scope) {
        return pool.preparedQuery(BY_ID)
                .execute(Tuple.of(id, scope))
                .map(rows -> rows.size() == 0 ? null : toRegion(rows.iterator().next()));
    }

    /** The node if it lies within {@code scopePath} (itself included); {@code null} also when there is no scope. */
    public Uni<Region> findWithin(long id, String scopePath) {
        return scopePath == null ? Uni.createFrom().nullItem() : findById(id, scopePath);
    }

    /** The first node (by code) of {@code level} under {@code parentPath} (anywhere when null); {@code null} if none. */
    public Uni<Region> firstOfLevel(RegionLevel level, String parentPath) {
        return pool.preparedQuery(SELECT + " WHERE r.level = $1 AND" + IN_SCOPE.formatted(2) + " ORDER BY r.code LIMIT 1")
                .execute(Tuple.of(level.name(), parentPath))
                .map(rows -> rows.size() == 0 ? null : toRegion(rows.iterator().next()));
    }

    public Uni<List<Region>> children(long id, String scope) {
        return pool.preparedQuery(CHILDREN)
                .execute(Tuple.of(id, scope))
                .map(RegionRepository::toRegions);
    }

    /** The node's ancestors inside the scope, root first, ending with the node itself. */
    public Uni<List<Region>> ancestorsAndSelf(long id, String scope) {
        return pool.preparedQuery(SELECT + """
                 WHERE r.path @> (SELECT n.path FROM region n WHERE n.id = $1) AND""" + IN_SCOPE.formatted(2)
                        + " ORDER BY nlevel(r.path)")
                .execute(Tuple.of(id, scope))
                .map(RegionRepository::toRegions);
    }

    /** Up to {@code limit} nodes after the given id, filtered by what is given; the SQL holds only those filters. */
    public Uni<List<Region>> list(RegionLevel level, Long parentId, String nameContains, Long afterId, int limit,
                                  String scope) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (level != null) {
            args.add(level.name());
            sql.append(" AND r.level = $").append(args.size());
        }
        if (parentId != null) {
            args.add(parentId);
            sql.append(" AND r.parent_id = $").append(args.size());
        }
        if (nameContains != null) {
            args.add("%" + nameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND r.name ILIKE $").append(args.size());
        }
        if (afterId != null) {
            args.add(afterId);
            sql.append(" AND r.id > $").append(args.size());
        }
        if (scope != null) {
            args.add(scope);
            sql.append(" AND r.path <@ text2ltree($").append(args.size()).append("::text)");
        }
        args.add(limit);
        sql.append(" ORDER BY r.id LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(RegionRepository::toRegions);
    }

    /**
     * The node and its descendants down to {@code depth} levels below it, parents before children, with what an
     * import file needs: parent code, party organisation, and the geometry as WKB (footprint or boundary when
     * there is one, else the position).
     */
    public Uni<List<ExportRow>> subtree(long id, int depth, String scope) {
        return pool.preparedQuery("""
                        WITH top AS (SELECT path FROM region WHERE id = $1
                                     AND ($3::text IS NULL OR path <@ text2ltree($3::text)))
                        SELECT r.code, p.code AS parent_code, r.name, r.level, r.attributes::text AS attributes,
                               po.name AS org_name, po.secretary_name AS org_secretary,
                               ST_AsBinary(coalesce(r.boundary, r.position)) AS geometry
                        FROM top, region r
                        LEFT JOIN region p ON p.id = r.parent_id
                        LEFT JOIN party_org po ON po.region_id = r.id
                        WHERE r.path <@ top.path AND nlevel(r.path) <= nlevel(top.path) + $2 AND"""
                        + IN_SCOPE.formatted(3) + " ORDER BY nlevel(r.path), r.id")
                .execute(Tuple.of(id, depth, scope))
                .map(rows -> {
                    List<ExportRow> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(new ExportRow(row.getString("code"), row.getString("parent_code"),
                                row.getString("name"), RegionLevel.valueOf(row.getString("level")),
                                row.getString("attributes"), row.getString("org_name"),
                                row.getString("org_secretary"), row.getBuffer("geometry").getBytes()));
                    }
                    return out;
                });
    }

    /**
     * Runs {@code locate.sql}; {@code null} when the point is outside the county. Callers locate through
     * {@link LocateIndex}, which runs this only when it holds no tree. Its one row carries the chain as
     * parallel arrays (ids from the path, codes, names and levels stored on the deepest area), so no row per
     * ancestor is read or decoded.
     */
    public Uni<Location> locateInDatabase(LngLat wgs84) {
        return pool.preparedQuery(locateSql).execute(Tuple.of(wgs84.lng(), wgs84.lat())).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            Long[] ids = row.getArrayOfLongs("chain_ids");
            String[] codes = row.getArrayOfStrings("chain_codes");
            String[] names = row.getArrayOfStrings("chain_names");
            String[] levels = row.getArrayOfStrings("chain_levels");
            Location.Node[] chain = new Location.Node[ids.length];
            for (int i = 0; i < ids.length; i++) {
                chain[i] = new Location.Node(ids[i], codes[i], names[i], RegionLevel.valueOf(levels[i]));
            }
            return new Location(List.of(chain), row.getLong("building_id") == null ? null : building(row));
        });
    }

    /**
     * The nearest of some buildings ($3, ids that {@link LocateTree} picked around the point) within 30 m of a
     * WGS-84 point ($1, $2), measured as {@code locate.sql} measures it; {@code null} when none is that close.
     */
    public Uni<Location.Building> nearestBuilding(LngLat wgs84, long[] candidates) {
        Long[] ids = new Long[candidates.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = candidates[i];
        }
        return pool.preparedQuery(nearestBuildingSql).execute(Tuple.of(wgs84.lng(), wgs84.lat(), ids))
                .map(rows -> rows.size() == 0 ? null : building(rows.iterator().next()));
    }

    /**
     * Every node as {@link LocateTree} needs it, read in pages by id within one snapshot (a repeatable-read
     * transaction), so the tree never mixes the states before and after a change.
     */
    public Uni<List<LocateTree.Row>> locateRows() {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute().chain(() -> locateRows(conn, 0L, new ArrayList<>())));
    }

    private Uni<List<LocateTree.Row>> locateRows(SqlClient conn, long after, List<LocateTree.Row> into) {
        return conn.preparedQuery(LOCATE_ROWS).execute(Tuple.of(after, LOCATE_ROWS_PAGE)).chain(rows -> {
            long last = after;
            for (Row row : rows) {
                into.add(locateRow(row));
                last = row.getLong("id");
            }
            return rows.size() < LOCATE_ROWS_PAGE ? Uni.createFrom().item(into) : locateRows(conn, last, into);
        });
    }

    private static LocateTree.Row locateRow(Row row) {
        long id = row.getLong("id");
        RegionLevel level = RegionLevel.valueOf(row.getString("level"));
        List<Location.Node> chain = null;
        if (level != RegionLevel.BUILDING) {
            String[] ids = row.getString("path").split("\\.");
            String[] codes = row.getArrayOfStrings("chain_codes");
            String[] names = row.getArrayOfStrings("chain_names");
            String[] levels = row.getArrayOfStrings("chain_levels");
            if (codes == null || names == null || levels == null || codes.length != ids.length) {
                throw new IllegalStateException("region " + id + ": its chain is not filled in");
            }
            Location.Node[] nodes = new Location.Node[ids.length];
            for (int i = 0; i < ids.length; i++) {
                nodes[i] = new Location.Node(Long.parseLong(ids[i]), codes[i], names[i], RegionLevel.valueOf(levels[i]));
            }
            chain = List.of(nodes);
        }
        Buffer boundary = row.getBuffer("boundary");
        return new LocateTree.Row(id, row.getString("code"), row.getString("name"), level, row.getInteger("depth"),
                row.getLong("parent_id"), chain, boundary == null ? null : boundary.getBytes(),
                row.getDouble("min_x"), row.getDouble("min_y"), row.getDouble("max_x"), row.getDouble("max_y"));
    }

    /** The building of a locate row (its distance in metres to the centimetre, as the API gives it). */
    private static Location.Building building(Row row) {
        return new Location.Building(row.getLong("building_id"), row.getString("building_code"),
                row.getString("building_name"), Math.round(row.getDouble("distance_m") * 100) / 100.0);
    }

    /** One node of an exported subtree. */
    public record ExportRow(String code, String parentCode, String name, RegionLevel level, String attributes,
                            String partyName, String partySecretary, byte[] geometryWkb) {
    }

    private static List<Region> toRegions(RowSet<Row> rows) {
        List<Region> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(toRegion(row));
        }
        return out;
    }

    private static Region toRegion(Row row) {
        Long orgId = row.getLong("org_id");
        PartyOrg org = orgId == null ? null : new PartyOrg(orgId, PartyOrgKind.valueOf(row.getString("org_kind")),
                row.getString("org_name"), row.getString("org_secretary"));
        Double lng = row.getDouble("lng");
        LngLat position = lng == null ? null : new LngLat(lng, row.getDouble("lat"));
        return new Region(row.getLong("id"), row.getString("code"), row.getString("name"),
                RegionLevel.valueOf(row.getString("level")), row.getLong("parent_id"), row.getString("path"),
                row.getString("attributes"), org, row.getInteger("version"), position);
    }

    private static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
