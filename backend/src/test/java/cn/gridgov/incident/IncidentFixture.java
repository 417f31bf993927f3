package cn.gridgov.incident;

import cn.gridgov.identity.Role;
import cn.gridgov.identity.TestRegions;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.media.TestPhotos;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A county of its own for one test: town, communities A and B with their compounds and buildings, a grid
 * worker on compound A, a community admin on each community, a town admin, and two residents; plus the
 * REST calls of the loop.
 */
final class IncidentFixture {

    final TestRegions.Tree tree;
    final TestTokens.Staff worker;
    final TestTokens.Staff adminA;
    final TestTokens.Staff adminB;
    final TestTokens.Staff townAdmin;
    final TestTokens.Resident resident;
    final TestTokens.Resident otherResident;
    /** A WGS-84 point inside compound A, away from its building. */
    final double lng;
    final double lat;

    IncidentFixture() {
        tree = TestRegions.create();
        worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
        adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
        resident = TestTokens.resident();
        otherResident = TestTokens.resident();
        Row centre = pool().preparedQuery("SELECT ST_X(position) AS x, ST_Y(position) AS y FROM region WHERE id = $1")
                .execute(Tuple.of(tree.compoundA().id())).await().atMost(Duration.ofSeconds(10)).iterator().next();
        lng = centre.getDouble("x") - 0.004;
        lat = centre.getDouble("y") - 0.004;
    }

    /** A report body at the fixture's point (WGS-84), shifted east by {@code metresEast}. */
    Map<String, Object> body(String categoryCode, double metresEast, List<String> mediaIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", categoryCode);
        body.put("description", "测试事件 " + UUID.randomUUID());
        body.put("location", Map.of("lng", lng + metresEast / (111_320 * Math.cos(Math.toRadians(lat))), "lat", lat,
                "coordType", "wgs84"));
        body.put("mediaIds", mediaIds);
        return body;
    }

    ValidatableResponse report(String token, Map<String, Object> body, String key) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .queryParam("coordType", "wgs84").body(body)
                .when().post("/api/v1/incidents").then();
    }

    /** Reports as the resident and answers the new incident's id. */
    long reported(String categoryCode) {
        return report(resident.token(), body(categoryCode, 0, List.of()), UUID.randomUUID().toString())
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    ValidatableResponse act(String token, long id, String action, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("action", action);
        body.putIfAbsent("version", version(id));
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/incidents/" + id + "/transitions").then();
    }

    ValidatableResponse act(String token, long id, String action) {
        return act(token, id, action, Map.of());
    }

    ValidatableResponse get(String token, long id) {
        return given().auth().oauth2(token).queryParam("coordType", "wgs84")
                .when().get("/api/v1/incidents/" + id).then();
    }

    /** The current version, read straight from the database (what a client would have from its last read). */
    static int version(long id) {
        return pool().preparedQuery("SELECT version FROM incident WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getInteger("version");
    }

    /** Uploads a photo as {@code token} and answers its id. */
    static String photo(String token) {
        return given().auth().oauth2(token)
                .multiPart("file", "tmp_" + UUID.randomUUID() + ".jpg", TestPhotos.jpeg(64, 48), "application/octet-stream")
                .when().post("/api/v1/media").then().statusCode(201).extract().path("id");
    }

    static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }
}
