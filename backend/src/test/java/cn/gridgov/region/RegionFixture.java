package cn.gridgov.region;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.importing.RegionImportService;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * Region trees for tests. The county root is unique per database, so every test shares one test county
 * (a 10° square over lng 110..120, lat 30..40, re-sent with each import: re-importing it changes nothing).
 * Import tests build files in a town cell of their own ({@link #newCell()}: unique codes, a place no other
 * test uses, lat 30..31); other tests get a tree written straight to the database ({@link #create()}: town →
 * communities A and B, each with a compound and a building, in the county's north, lat 35..39.9).
 */
public final class RegionFixture {

    public static final String COUNTY_CODE = "TEST-COUNTY";
    public static final double COUNTY_MIN_LNG = 110;
    public static final double COUNTY_MIN_LAT = 30;
    /** Side of a cell in degrees (about 2 km). */
    public static final double CELL = 0.02;

    private static final AtomicInteger CELLS = new AtomicInteger();

    /** The county admin the region tests act as, and the county id it was made for (the test DB may be reset). */
    private static TestTokens.Staff admin;

    /** Reads JSON numbers as doubles (REST Assured's default, float, loses coordinates' precision). */
    public static final JsonPathConfig PRECISE = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    private RegionFixture() {
    }

    /**
     * REST Assured as a county admin of the test county: region endpoints need a staff token, and a county admin
     * sees (and may import into) the whole test county.
     */
    public static RequestSpecification given() {
        Node county = testCounty();
        if (admin == null || admin.regionId() != county.id()) {
            admin = TestTokens.staffOn(county, Role.COUNTY_ADMIN);
        }
        // a fresh token each time: the account is kept for the run, but a token issued once would expire in a long run
        return RestAssured.given().auth().oauth2(TestTokens.staff(admin.userId(), admin.regionId(), admin.regionPath(),
                Role.COUNTY_ADMIN));
    }

    /** A square of the county no other test of this run uses, with a code prefix of its own. */
    public static Cell newCell() {
        int n = CELLS.incrementAndGet();
        return new Cell("C" + n + "-", COUNTY_MIN_LNG + 0.1 + (n % 400) * CELL, COUNTY_MIN_LAT + 0.1 + (n / 400) * CELL);
    }

    /** A cell: its code prefix and south-west corner; {@code at(dx, dy)} offsets are in degrees. */
    public record Cell(String prefix, double lng, double lat) {
        public String code(String local) {
            return prefix + local;
        }

        public double[] at(double dx, double dy) {
            return new double[] {lng + dx, lat + dy};
        }

        /** A rectangle of this cell by offsets from its corner. */
        public Map<String, Object> box(double dx1, double dy1, double dx2, double dy2) {
            return polygon(lng + dx1, lat + dy1, lng + dx2, lat + dy2);
        }
    }

    public static Map<String, Object> county() {
        return feature(COUNTY_CODE, null, "测试县", "COUNTY",
                polygon(COUNTY_MIN_LNG, COUNTY_MIN_LAT, COUNTY_MIN_LNG + 10, COUNTY_MIN_LAT + 10));
    }

    public static Map<String, Object> feature(String code, String parentCode, String name, String level,
                                              Map<String, Object> geometry) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("code", code);
        props.put("parentCode", parentCode);
        props.put("name", name);
        props.put("level", level);
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("properties", props);
        feature.put("geometry", geometry);
        return feature;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> props(Map<String, Object> feature) {
        return (Map<String, Object>) feature.get("properties");
    }

    public static Map<String, Object> polygon(double minLng, double minLat, double maxLng, double maxLat) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(
                List.of(minLng, minLat), List.of(maxLng, minLat), List.of(maxLng, maxLat), List.of(minLng, maxLat),
                List.of(minLng, minLat))));
    }

    public static Map<String, Object> point(double lng, double lat) {
        return Map.of("type", "Point", "coordinates", List.of(lng, lat));
    }

    /** A FeatureCollection of the test county followed by the given features. */
    @SafeVarargs
    public static Map<String, Object> withCounty(Map<String, Object>... features) {
        List<Object> all = new ArrayList<>();
        all.add(county());
        all.addAll(Arrays.asList(features));
        return collection(all);
    }

    public static Map<String, Object> collection(List<?> features) {
        return Map.of("type", "FeatureCollection", "features", features);
    }

    public static ValidatableResponse importFile(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/regions/import").then();
    }

    /** Imports and expects success. */
    public static ValidatableResponse imported(Object body) {
        return importFile(body).statusCode(200);
    }

    /** The id of the node with this unique name. */
    public static long idOf(String name) {
        List<Map<String, Object>> items = given().queryParam("q", name).queryParam("limit", 200)
                .when().get("/api/v1/regions")
                .then().statusCode(200).extract().jsonPath().getList("items");
        List<Long> ids = items.stream().filter(i -> name.equals(i.get("name")))
                .map(i -> ((Number) i.get("id")).longValue()).toList();
        if (ids.size() != 1) {
            throw new IllegalStateException("expected one node named " + name + ", found " + ids);
        }
        return ids.get(0);
    }

    /**
     * A small tree in one cell: town, community, two compounds sharing a border (A west, B east), and in A
     * a building with a footprint (B1), a building given as a point (B2) and, in B, one more footprint (B3).
     */
    public static final class SmallTree {
        public final Cell cell = newCell();
        public final Map<String, Object> town = feature(cell.code("T"), COUNTY_CODE, cell.code("镇"), "TOWN",
                cell.box(0, 0, 0.018, 0.018));
        public final Map<String, Object> community = feature(cell.code("C"), cell.code("T"), cell.code("社区"),
                "COMMUNITY", cell.box(0.001, 0.001, 0.017, 0.017));
        public final Map<String, Object> compoundA = feature(cell.code("KA"), cell.code("C"), cell.code("甲小区"),
                "COMPOUND", cell.box(0.002, 0.002, 0.008, 0.008));
        public final Map<String, Object> compoundB = feature(cell.code("KB"), cell.code("C"), cell.code("乙小区"),
                "COMPOUND", cell.box(0.008, 0.002, 0.014, 0.008));
        public final Map<String, Object> building1 = feature(cell.code("B1"), cell.code("KA"), cell.code("1号楼"),
                "BUILDING", cell.box(0.0030, 0.0030, 0.0032, 0.0032));
        public final Map<String, Object> building2 = feature(cell.code("B2"), cell.code("KA"), cell.code("2号楼"),
                "BUILDING", point(cell.lng() + 0.0040, cell.lat() + 0.0031));
        public final Map<String, Object> building3 = feature(cell.code("B3"), cell.code("KB"), cell.code("3号楼"),
                "BUILDING", cell.box(0.0100, 0.0030, 0.0102, 0.0032));

        public SmallTree() {
            props(compoundA).put("attributes", Map.of("households", 120, "population", 350));
            props(compoundA).put("partyOrg", Map.of("name", cell.code("甲小区第一党支部"), "secretary", "王芳"));
        }

        public List<Map<String, Object>> features() {
            return List.of(town, community, compoundA, compoundB, building1, building2, building3);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> file() {
            return withCounty(features().toArray(new Map[0]));
        }

        public String name(Map<String, Object> feature) {
            return (String) props(feature).get("name");
        }

        public long id(Map<String, Object> feature) {
            return idOf(name(feature));
        }
    }

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
     * The centre of a square of 0.12° no other tree of this run uses (in the county's north, away from the
     * cells of {@link #newCell()}): taken in turn, never at random, so two trees can never overlap.
     */
    public static double[] freePlace() {
        int n = PLACES.getAndIncrement();
        return new double[] {110.2 + (n % 79) * 0.12, 35 + (n / 79) * 0.12};
    }

    /** The test county (code {@link #COUNTY_CODE}), imported first if this database has none. */
    public static Node testCounty() {
        Pool pool = Arc.container().instance(Pool.class).get();
        Node county = findCounty(pool);
        if (county != null) {
            return county;
        }
        byte[] file = Json.encode(collection(List.of(county()))).getBytes(StandardCharsets.UTF_8);
        Arc.container().instance(RegionImportService.class).get().submit(file, CoordType.WGS84)
                .await().atMost(Duration.ofSeconds(60));
        return findCounty(pool);
    }

    private static Node findCounty(Pool pool) {
        return pool.preparedQuery("SELECT id, code, name, level, path::text AS path FROM region WHERE code = $1")
                .execute(Tuple.of(COUNTY_CODE))
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
        // written behind the server's back: its locates read the database for a while, as after its own imports
        Arc.container().instance(LocateIndex.class).get().changedHere();
        return new Node(id, code, name, level, path, x, y);
    }
}
