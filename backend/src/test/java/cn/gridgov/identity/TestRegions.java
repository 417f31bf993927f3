package cn.gridgov.identity;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.region.RegionFixture;
import cn.gridgov.region.importing.RegionImportService;
import io.quarkus.arc.Arc;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a small region tree straight in the database for tests, with unique codes and a place of its own:
 * town → communities A and B, each with a compound and a building, under the one test county (a deployment
 * has a single county root; it is imported exactly as {@link RegionFixture#county()} describes it). The towns
 * lie in the county's north (lat 35..39.9), away from the cells the region tests use (lat 30..31).
 */
public final class TestRegions {

    /** One node of the tree. */
    public record Node(long id, String code, String name, String level, String path, double lng, double lat) {
    }

    /** Where a node was made: the centre of its square, or the building's point. */
    public static double[] centre(Node node) {
        return new double[]{node.lng(), node.lat()};
    }

    /** The tree. */
    public record Tree(Node county, Node town, Node communityA, Node compoundA, Node buildingA,
                       Node communityB, Node compoundB, Node buildingB) {
    }

    private static final AtomicInteger PLACES = new AtomicInteger();

    private TestRegions() {
    }

    public static Tree create() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        double[] place = freePlace();
        double x = place[0];
        double y = place[1];
        Node county = testCounty();
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
     * The centre of a square of 0.12° no other tree of this run uses (in the county's north, away from
     * RegionFixture's cells): taken in turn, never at random, so two trees can never overlap.
     */
    public static double[] freePlace() {
        int n = PLACES.getAndIncrement();
        return new double[] {110.2 + (n % 79) * 0.12, 35 + (n / 79) * 0.12};
    }

    /** The test county (code {@link RegionFixture#COUNTY_CODE}), imported first if this database has none. */
    public static Node testCounty() {
        Pool pool = Arc.container().instance(Pool.class).get();
        Node county = findCounty(pool);
        if (county != null) {
            return county;
        }
        byte[] file = Json.encode(RegionFixture.collection(List.of(RegionFixture.county()))).getBytes(StandardCharsets.UTF_8);
        Arc.container().instance(RegionImportService.class).get().submit(file, CoordType.WGS84)
                .await().atMost(Duration.ofSeconds(60));
        return findCounty(pool);
    }

    private static Node findCounty(Pool pool) {
        return pool.preparedQuery("SELECT id, code, name, level, path::text AS path FROM region WHERE code = $1")
                .execute(Tuple.of(RegionFixture.COUNTY_CODE))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next())
                .map(r -> r == null ? null : new Node(r.getLong("id"), r.getString("code"), r.getString("name"),
                        r.getString("level"), r.getString("path"), 115, 35))
                .await().atMost(Duration.ofSeconds(10));
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
        return new Node(id, code, name, level, path, x, y);
    }
}
