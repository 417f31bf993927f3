package cn.gridgov.incident;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.media.TestPhotos;
import cn.gridgov.region.RegionFixture;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A county of its own for one test of incidents, supervision, notifications or the feed: town, communities A
 * and B with their compounds and buildings, a grid worker on compound A, a community admin on each community,
 * a town admin, and two residents; plus the REST calls and SQL reads those tests need.
 */
public final class IncidentFixture {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public final RegionFixture.Tree tree;
    public final TestTokens.Staff worker;
    public final TestTokens.Staff adminA;
    public final TestTokens.Staff adminB;
    public final TestTokens.Staff townAdmin;
    public final TestTokens.Resident resident;
    public final TestTokens.Resident otherResident;
    /** A WGS-84 point inside compound A, away from its building. */
    public final double lng;
    public final double lat;

    public IncidentFixture() {
        tree = RegionFixture.create();
        worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
        adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
        resident = TestTokens.resident();
        otherResident = TestTokens.resident();
        Row centre = pool().preparedQuery("SELECT ST_X(position) AS x, ST_Y(position) AS y FROM region WHERE id = $1")
                .execute(Tuple.of(tree.compoundA().id())).await().atMost(WAIT).iterator().next();
        lng = centre.getDouble("x") - 0.004;
        lat = centre.getDouble("y") - 0.004;
    }

    /** A report body at the fixture's point (WGS-84), shifted east by {@code metresEast}. */
    public Map<String, Object> body(String categoryCode, double metresEast, List<String> mediaIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", categoryCode);
        body.put("description", "测试事件 " + UUID.randomUUID());
        body.put("location", Map.of("lng", lng + metresEast / (111_320 * Math.cos(Math.toRadians(lat))), "lat", lat,
                "coordType", "wgs84"));
        body.put("mediaIds", mediaIds);
        return body;
    }

    public ValidatableResponse report(String token, Map<String, Object> body, String key) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .queryParam("coordType", "wgs84").body(body)
                .when().post("/api/v1/incidents").then();
    }

    /** Reports as the resident and answers the new incident's id. */
    public long reported(String categoryCode) {
        return report(resident.token(), body(categoryCode, 0, List.of()), UUID.randomUUID().toString())
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Reports an incident of {@code category} as {@code token} inside {@code compound}; answers its id. */
    public long reportIn(String token, RegionFixture.Node compound, String category) {
        Row centre = pool().preparedQuery("SELECT ST_X(position) AS x, ST_Y(position) AS y FROM region WHERE id = $1")
                .execute(Tuple.of(compound.id())).await().atMost(WAIT).iterator().next();
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", category);
        body.put("description", "通知测试 " + UUID.randomUUID());
        body.put("location", Map.of("lng", centre.getDouble("x") - 0.003, "lat", centre.getDouble("y") - 0.003,
                "coordType", "wgs84"));
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Reports as the resident in compound A. */
    public long reportInA(String category) {
        return reportIn(resident.token(), tree.compoundA(), category);
    }

    public ValidatableResponse act(String token, long id, String action, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("action", action);
        body.putIfAbsent("version", version(id));
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/incidents/" + id + "/transitions").then();
    }

    public ValidatableResponse act(String token, long id, String action) {
        return act(token, id, action, Map.of());
    }

    public ValidatableResponse get(String token, long id) {
        return given().auth().oauth2(token).queryParam("coordType", "wgs84")
                .when().get("/api/v1/incidents/" + id).then();
    }

    /** The current version, read straight from the database (what a client would have from its last read). */
    public static int version(long id) {
        return pool().preparedQuery("SELECT version FROM incident WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getInteger("version");
    }

    /** Uploads a photo as {@code token} and answers its id. */
    public static String photo(String token) {
        return given().auth().oauth2(token)
                .multiPart("file", "tmp_" + UUID.randomUUID() + ".jpg", TestPhotos.jpeg(64, 48), "application/octet-stream")
                .when().post("/api/v1/media").then().statusCode(201).extract().path("id");
    }

    /** The actions of the incident's flow, oldest first. */
    public static List<String> flowActions(long incidentId) {
        List<String> out = new ArrayList<>();
        pool().preparedQuery("SELECT action FROM incident_flow WHERE incident_id = $1 ORDER BY id")
                .execute(Tuple.of(incidentId)).await().atMost(WAIT).forEach(r -> out.add(r.getString("action")));
        return out;
    }

    public static int intValue(String sql, Object... args) {
        Row row = pool().preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT).iterator().next();
        return ((Number) row.getValue(0)).intValue();
    }

    public static List<Row> rows(String sql, Object... args) {
        List<Row> out = new ArrayList<>();
        pool().preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT).forEach(out::add);
        return out;
    }

    public static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }
}
