package cn.gridgov.region;

import cn.gridgov.common.geo.LngLat;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Places free address text (a hotline work order's 地址) on the tree: the nodes in a scope whose names occur in
 * the text, the one backed by the most of its own ancestors' names winning (deepest first); when equally good
 * nodes disagree, their nearest common ancestor (marked {@code ambiguous}, with the names of two of them, so a
 * caller that must not guess can refuse). Answers a point inside the chosen node to report at. The one place where
 * address text is placed: 12345 work orders and Open311's address_string use it.
 */
@ApplicationScoped
public class AddressMatch {

    /** Names shorter than this (a building called "1") would match almost any text. */
    static final int MIN_NAME_LENGTH = 2;
    private static final int CANDIDATES = 20;

    /**
     * The node the address names, and a point inside it (WGS-84); {@code ambiguous} when equally good nodes
     * disagreed and this is their common ancestor ({@code alternatives}: the names of the first two of them).
     */
    public record Matched(long id, String name, RegionLevel level, String path, LngLat point, boolean ambiguous,
                          List<String> alternatives) {
    }

    private final Pool pool;

    public AddressMatch(Pool pool) {
        this.pool = pool;
    }

    /** The node {@code address} names within {@code scopePath}; null when no name of the scope occurs in it. */
    public Uni<Matched> match(String address, String scopePath) {
        return pool.preparedQuery("""
                        WITH hit AS (
                            SELECT r.path, r.name FROM region r
                            WHERE r.path <@ text2ltree($2::text) AND char_length(r.name) >= $3 AND strpos($1, r.name) > 0)
                        SELECT ltree2text(h.path) AS path, h.name, nlevel(h.path) AS depth,
                               (SELECT count(*) FROM hit a WHERE a.path @> h.path) AS score
                        FROM hit h ORDER BY score DESC, depth DESC, ltree2text(h.path) LIMIT $4""")
                .execute(Tuple.of(address, scopePath, MIN_NAME_LENGTH, CANDIDATES))
                .chain(rows -> {
                    List<String> best = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    long score = -1;
                    int depth = -1;
                    for (Row r : rows) {
                        if (best.isEmpty()) {
                            score = r.getLong("score");
                            depth = r.getInteger("depth");
                        } else if (r.getLong("score") != score || r.getInteger("depth") != depth) {
                            break;
                        }
                        best.add(r.getString("path"));
                        names.add(r.getString("name"));
                    }
                    if (best.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    String chosen = commonAncestor(best);
                    if (chosen.length() < scopePath.length()) {
                        return Uni.createFrom().nullItem();
                    }
                    boolean ambiguous = best.size() > 1;
                    return node(chosen, ambiguous, ambiguous ? List.copyOf(names.subList(0, 2)) : List.of());
                });
    }

    /** The longest path all of {@code paths} lie under (themselves included). */
    static String commonAncestor(List<String> paths) {
        String[] common = paths.get(0).split("\\.");
        int length = common.length;
        for (String p : paths.subList(1, paths.size())) {
            String[] parts = p.split("\\.");
            int i = 0;
            while (i < length && i < parts.length && parts[i].equals(common[i])) {
                i++;
            }
            length = i;
        }
        return String.join(".", java.util.Arrays.copyOf(common, length));
    }

    /** The node at {@code path} with a point inside it: a building's position, an area's point on its surface. */
    private Uni<Matched> node(String path, boolean ambiguous, List<String> alternatives) {
        return pool.preparedQuery("""
                        SELECT r.id, r.name, r.level, ltree2text(r.path) AS path, ST_X(p.point) AS lng, ST_Y(p.point) AS lat
                        FROM region r, LATERAL (SELECT CASE WHEN r.level = 'BUILDING' THEN r.position
                                                ELSE coalesce(ST_PointOnSurface(r.boundary), r.position) END AS point) p
                        WHERE r.path = text2ltree($1::text)""")
                .execute(Tuple.of(path))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Matched(r.getLong("id"), r.getString("name"), RegionLevel.valueOf(r.getString("level")),
                            r.getString("path"), new LngLat(r.getDouble("lng"), r.getDouble("lat")), ambiguous,
                            alternatives);
                });
    }
}
