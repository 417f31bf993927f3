package cn.gridgov.identity;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a small region tree straight in the database for tests, with unique codes and a place of its own (a
 * cell no other tree of the run uses, so geometries never overlap): town → communities A and B, each with a
 * compound and a building, under the database's one county (shared with the region import tests).
 */
public final class TestRegions {

    /** One node of the tree. */
    public record Node(long id, String code, String name, String level, String path) {
    }

    /** The tree. */
    public record Tree(Node county, Node town, Node communityA, Node compoundA, Node buildingA,
                       Node communityB, Node compoundB, Node buildingB) {
    }

    private static final AtomicInteger CELLS = new AtomicInteger();

    private TestRegions() {
    }

    public static Tree create() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // a cell of its own in the shared test county's northern half (region tests use its southern edge)
        int n = CELLS.incrementAndGet();
        double x = 110.2 + (n % 45) * 0.2;
        double y = 35.2 + (n / 45 % 24) * 0.2;
        Node county = county();
        Node town = node("T" + tag + "-T", "测试镇" + tag, "TOWN", county, x, y, 0.05);
        Node communityA = node("T" + tag + "-A", "甲社区" + tag, "COMMUNITY", town, x, y, 0.02);
        Node compoundA = node("T" + tag + "-A1", "甲小区" + tag, "COMPOUND", communityA, x, y, 0.01);
        Node buildingA = node("T" + tag + "-A1-1", "甲1号楼" + tag, "BUILDING", compoundA, x + 0.001, y + 0.001, 0);
        Node communityB = node("T" + tag + "-B", "乙社区" + tag, "COMMUNITY", town, x + 0.03, y, 0.01);
        Node compoundB = node("T" + tag + "-B1", "乙小区" + tag, "COMPOUND", communityB, x + 0.03, y, 0.005);
        Node buildingB = node("T" + tag + "-B1-1", "乙1号楼" + tag, "BUILDING", compoundB, x + 0.031, y + 0.001, 0);
        return new Tree(county, town, communityA, compoundA, buildingA, communityB, compoundB, buildingB);
    }

    /**
     * The one county root a database may have (the region import refuses a second): the region tests' test
     * county, a 10° square over lng 110..120, lat 30..40, created here when no import made it yet.
     */
    public static Node county() {
        Pool pool = Arc.container().instance(Pool.class).get();
        pool.query("""
                        WITH n AS (SELECT nextval('region_id_seq') AS id)
                        INSERT INTO region (id, code, name, level, path, boundary, position)
                        SELECT n.id, 'TEST-COUNTY', '测试县', 'COUNTY', text2ltree(n.id::text),
                               ST_Multi(ST_MakeEnvelope(110, 30, 120, 40, 4326)), ST_SetSRID(ST_MakePoint(115, 35), 4326)
                        FROM n WHERE NOT EXISTS (SELECT 1 FROM region WHERE level = 'COUNTY')
                        ON CONFLICT (code) DO NOTHING""")
                .execute().await().atMost(Duration.ofSeconds(10));
        return pool.query("SELECT id, code, name, ltree2text(path) AS path FROM region WHERE level = 'COUNTY'")
                .execute().map(rows -> {
                    var row = rows.iterator().next();
                    return new Node(row.getLong("id"), row.getString("code"), row.getString("name"), "COUNTY",
                            row.getString("path"));
                }).await().atMost(Duration.ofSeconds(10));
    }

    /** Inserts one node: an area is a square of half-size {@code r} around (x, y); a building a point. */
    public static Node node(String code, String name, String level, Node parent, double x, double y, double r) {
        Pool pool = Arc.container().instance(Pool.class).get();
        long id = pool.query("SELECT nextval('region_id_seq') AS id").execute()
                .map(rows -> rows.iterator().next().getLong("id")).await().atMost(Duration.ofSeconds(10));
        String path = parent == null ? Long.toString(id) : parent.path() + "." + id;
        boolean building = "BUILDING".equals(level);
        pool.preparedQuery("""
                        INSERT INTO region (id, code, name, level, parent_id, path, boundary, position)
                        SELECT $1, $2, $3, $4, $5, $6::ltree,
                               CASE WHEN $7 THEN NULL ELSE ST_Multi(ST_MakeEnvelope(x - r, y - r, x + r, y + r, 4326)) END,
                               ST_SetSRID(ST_MakePoint(x, y), 4326)
                        FROM (SELECT $8::float8 AS x, $9::float8 AS y, $10::float8 AS r) p""")
                .execute(Tuple.tuple().addLong(id).addString(code).addString(name).addString(level)
                        .addValue(parent == null ? null : parent.id()).addString(path).addBoolean(building)
                        .addDouble(x).addDouble(y).addDouble(r))
                .await().atMost(Duration.ofSeconds(10));
        return new Node(id, code, name, level, path);
    }
}
