package cn.gridgov.stats.tile;

import cn.gridgov.incident.IncidentFixture;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The map tiles from outside: decoded with a real Mapbox Vector Tile reader, scoped, cached, and refused clearly. */
@QuarkusTest
class TileTest {

    private static final double SPACING_METRES = 100;

    /** Three incidents of different categories 100 m apart west to east in compound A (never duplicates of each other). */
    private static List<Long> threeIncidents(IncidentFixture f) {
        List<Long> ids = new ArrayList<>();
        String[] categories = {"0101", "0102", "0401"};
        for (int i = 0; i < categories.length; i++) {
            ids.add(f.report(f.resident.token(), f.body(categories[i], i * SPACING_METRES, List.of()), UUID.randomUUID().toString())
                    .statusCode(201).extract().jsonPath().getLong("id"));
        }
        return ids;
    }

    /** The XYZ tile at zoom {@code z} holding (lng, lat), Web Mercator. */
    private static int[] tileOf(double lng, double lat, int z) {
        double n = 1 << z;
        double rad = Math.toRadians(lat);
        int x = (int) Math.floor((lng + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
        return new int[]{z, x, y};
    }

    private static ExtractableResponse<Response> fetch(String token, String layer, int[] t, String query) {
        return given().auth().oauth2(token)
                .when().get("/api/v1/tiles/" + layer + "/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt" + query)
                .then().statusCode(200).extract();
    }

    private static JtsLayer decode(byte[] bytes, String layer) throws IOException {
        JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(bytes), new GeometryFactory(),
                new TagKeyValueMapConverter());
        return mvt.getLayer(layer);
    }

    private static List<Geometry> features(String token, String layer, int[] t, String query) throws IOException {
        JtsLayer decoded = decode(fetch(token, layer, t, query).asByteArray(), layer);
        return decoded == null ? List.of() : new ArrayList<>(decoded.getGeometries());
    }

    /**
     * The features of {@code layer} at zoom {@code z} in the tiles covering the three incidents' positions (one tile,
     * unless a tile border happens to pass between them), each tile once.
     */
    private static List<Geometry> aroundTheIncidents(IncidentFixture f, String token, String layer, int z, String query)
            throws IOException {
        Map<String, int[]> tiles = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            int[] t = tileOf(f.lng + i * SPACING_METRES / (111_320 * Math.cos(Math.toRadians(f.lat))), f.lat, z);
            tiles.putIfAbsent(t[0] + "/" + t[1] + "/" + t[2], t);
        }
        List<Geometry> out = new ArrayList<>();
        for (int[] t : tiles.values()) {
            out.addAll(features(token, layer, t, query));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Geometry g) {
        return (Map<String, Object>) g.getUserData();
    }

    private static long number(Geometry g, String name) {
        return ((Number) props(g).get(name)).longValue();
    }

    @Test
    void incidentsAtStreetZoomArePointsWithStatusCategoryAndPosition() throws IOException {
        IncidentFixture f = new IncidentFixture();
        List<Long> ids = threeIncidents(f);
        for (int i = 0; i < ids.size(); i++) {
            double lng = f.lng + i * SPACING_METRES / (111_320 * Math.cos(Math.toRadians(f.lat)));
            Set<Long> inItsTile = features(f.adminA.token(), "incidents", tileOf(lng, f.lat, 16), "").stream()
                    .map(g -> number(g, "id")).collect(Collectors.toSet());
            assertTrue(inItsTile.contains(ids.get(i)), "incident " + i + " is in the tile of its position");
        }
        int[] t = tileOf(f.lng, f.lat, 16);
        Map<Long, Geometry> byId = features(f.adminA.token(), "incidents", t, "").stream()
                .collect(Collectors.toMap(g -> number(g, "id"), g -> g));
        Geometry first = byId.get(ids.get(0));
        assertTrue(first instanceof Point);
        assertEquals("REPORTED", props(first).get("status"));
        assertEquals(true, props(first).get("open"));
        assertEquals(false, props(first).get("overdue"));
        assertEquals(1L, number(first, "count"));
        assertNotNull(props(first).get("categoryName"));
        // the point sits where the incident is: tile coordinates (0..4096, y down) from the position's projection
        double n = 1 << t[0];
        double rad = Math.toRadians(f.lat);
        double px = ((f.lng + 180) / 360 * n - t[1]) * TileRules.EXTENT;
        double py = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n - t[2]) * TileRules.EXTENT;
        Point p = (Point) first;
        assertTrue(Math.abs(p.getX() - px) <= 1.5 && Math.abs(p.getY() - py) <= 1.5,
                "drawn at (" + p.getX() + ", " + p.getY() + "), expected about (" + px + ", " + py + ")");
    }

    @Test
    void anotherCommunityAndItsResidentsSeeNoneOfThem() throws IOException {
        IncidentFixture f = new IncidentFixture();
        List<Long> ids = threeIncidents(f);
        int[] t = tileOf(f.lng, f.lat, 16);
        Set<Long> seenByB = features(f.adminB.token(), "incidents", t, "").stream()
                .map(g -> number(g, "id")).collect(Collectors.toSet());
        assertTrue(seenByB.stream().noneMatch(ids::contains), "community B's admin must not see A's incidents");
        given().auth().oauth2(f.resident.token()).when().get("/api/v1/tiles/incidents/16/" + t[1] + "/" + t[2] + ".mvt")
                .then().statusCode(403);
        given().when().get("/api/v1/tiles/incidents/16/" + t[1] + "/" + t[2] + ".mvt").then().statusCode(401);
    }

    @Test
    void zoomedOutIncidentsAreClusteredAndCountedExactly() throws IOException {
        IncidentFixture f = new IncidentFixture();
        List<Long> ids = threeIncidents(f);
        List<Geometry> clusters = aroundTheIncidents(f, f.adminA.token(), "incidents", 10, "");
        long total = clusters.stream().mapToLong(g -> number(g, "count")).sum();
        assertEquals(3, total, "community A's admin sees exactly its three incidents, clustered");
        assertTrue(clusters.size() < 3, "300 m apart at zoom 10 they share a cluster: " + clusters.size());
        assertEquals(3, clusters.stream().mapToLong(g -> number(g, "open")).sum());
        assertTrue(clusters.stream().allMatch(g -> props(g).get("status") == null), "clusters carry counts only");
        assertFalse(ids.isEmpty());

        List<Geometry> cells = aroundTheIncidents(f, f.adminA.token(), "density", 10, "");
        assertEquals(3, cells.stream().mapToLong(g -> number(g, "count")).sum());
        assertTrue(cells.stream().allMatch(g -> g.getGeometryType().contains("Polygon")));
    }

    @Test
    void closedIncidentsAppearOnlyWithStateAll() throws IOException {
        IncidentFixture f = new IncidentFixture();
        List<Long> ids = threeIncidents(f);
        f.act(f.adminA.token(), ids.get(0), "REJECT", Map.of("comment", "重复上报")).statusCode(200);
        int[] t = tileOf(f.lng, f.lat, 16);
        Set<Long> open = features(f.adminA.token(), "incidents", t, "").stream()
                .map(g -> number(g, "id")).collect(Collectors.toSet());
        assertFalse(open.contains(ids.get(0)), "a rejected incident is not open");
        assertEquals(2, aroundTheIncidents(f, f.adminA.token(), "incidents", 10, "").stream()
                .mapToLong(g -> number(g, "count")).sum());
        assertEquals(3, aroundTheIncidents(f, f.adminA.token(), "incidents", 10, "?state=all").stream()
                .mapToLong(g -> number(g, "count")).sum());
        Map<Long, Geometry> all = features(f.adminA.token(), "incidents", t, "?state=all").stream()
                .collect(Collectors.toMap(g -> number(g, "id"), g -> g));
        assertEquals("REJECTED", props(all.get(ids.get(0))).get("status"));
        assertEquals(false, props(all.get(ids.get(0))).get("open"));
    }

    @Test
    void regionBoundariesFollowTheZoomAndTheScope() throws IOException {
        IncidentFixture f = new IncidentFixture();
        int[] t = tileOf(f.tree.communityA().lng(), f.tree.communityA().lat(), 12);
        Set<String> seenByA = features(f.adminA.token(), "regions", t, "").stream()
                .map(g -> (String) props(g).get("name")).collect(Collectors.toSet());
        assertTrue(seenByA.contains(f.tree.communityA().name()) && seenByA.contains(f.tree.compoundA().name()),
                "zoom 12 draws communities and compounds: " + seenByA);
        assertFalse(seenByA.contains(f.tree.buildingA().name()), "buildings only from zoom 14");
        int[] tileOfB = tileOf(f.tree.communityB().lng(), f.tree.communityB().lat(), 12);
        Set<String> seenByTown = features(f.townAdmin.token(), "regions", tileOfB, "").stream()
                .map(g -> (String) props(g).get("name")).collect(Collectors.toSet());
        assertTrue(seenByTown.contains(f.tree.communityB().name()), "the town sees community B: " + seenByTown);
        Set<String> seenByAThere = features(f.adminA.token(), "regions", tileOfB, "").stream()
                .map(g -> (String) props(g).get("name")).collect(Collectors.toSet());
        assertFalse(seenByAThere.contains(f.tree.communityB().name()), "community B is outside A's scope");

        int[] street = tileOf(f.tree.buildingA().lng(), f.tree.buildingA().lat(), 16);
        List<Geometry> buildings = features(f.adminA.token(), "regions", street, "").stream()
                .filter(g -> "BUILDING".equals(props(g).get("level"))).toList();
        assertTrue(buildings.stream().anyMatch(g -> f.tree.buildingA().name().equals(props(g).get("name"))
                && g instanceof Point), "a building without footprint is drawn at its position");
    }

    @Test
    void tilesCarryAnEtagAndRevalidateWith304() {
        IncidentFixture f = new IncidentFixture();
        threeIncidents(f);
        int[] t = tileOf(f.lng, f.lat, 15);
        String path = "/api/v1/tiles/incidents/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
        ExtractableResponse<Response> first = given().auth().oauth2(f.adminA.token()).when().get(path)
                .then().statusCode(200).contentType("application/vnd.mapbox-vector-tile")
                .header("Cache-Control", "private, max-age=60").extract();
        String etag = first.header("ETag");
        assertNotNull(etag);
        assertTrue(first.asByteArray().length > 0);
        byte[] again = given().auth().oauth2(f.adminA.token()).header("If-None-Match", etag).when().get(path)
                .then().statusCode(304).header("ETag", etag).extract().asByteArray();
        assertEquals(0, again.length);
        // a new incident where the first one is (another category): same tile, new content, new tag
        f.report(f.resident.token(), f.body("0402", 0, List.of()), UUID.randomUUID().toString()).statusCode(201);
        given().auth().oauth2(f.adminA.token()).header("If-None-Match", etag).when().get(path)
                .then().statusCode(200);
    }

    @Test
    void anEmptyTileIsZeroBytes() throws IOException {
        IncidentFixture f = new IncidentFixture();
        int[] ocean = {10, 0, 0};
        byte[] bytes = fetch(f.adminA.token(), "incidents", ocean, "").asByteArray();
        assertEquals(0, bytes.length);
        assertNull(decode(bytes, "incidents"));
    }

    @Test
    void badTileRequestsAreClearProblems() {
        IncidentFixture f = new IncidentFixture();
        String token = f.adminA.token();
        given().auth().oauth2(token).when().get("/api/v1/tiles/incidents/23/0/0.mvt")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("BAD_TILE"));
        given().auth().oauth2(token).when().get("/api/v1/tiles/incidents/3/8/0.mvt")
                .then().statusCode(400).body("code", equalTo("BAD_TILE"));
        given().auth().oauth2(token).when().get("/api/v1/tiles/incidents/a/0/0.mvt")
                .then().statusCode(400).body("code", equalTo("BAD_TILE"));
        given().auth().oauth2(token).when().get("/api/v1/tiles/roads/3/0/0.mvt")
                .then().statusCode(404).body("code", equalTo("TILE_LAYER_NOT_FOUND"));
        given().auth().oauth2(token).when().get("/api/v1/tiles/incidents/3/0/0.mvt?state=closed")
                .then().statusCode(400).body("code", equalTo("BAD_TILE_STATE"));
    }
}
