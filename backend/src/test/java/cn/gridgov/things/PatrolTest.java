package cn.gridgov.things;

import cn.gridgov.common.geo.Gcj02;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Patrols (巡查) from outside: a full working day in batches, jumps, findings, and nobody else's patrol. */
@QuarkusTest
class PatrolTest {

    /** Where every patrol of these tests starts: a fixed instant, the clock stopped and moved by hand. */
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final double METRES_PER_DEGREE = 111_320;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static RequestSpecification given() {
        return RestAssured.given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static long start(String token) {
        return given().auth().oauth2(token).when().post("/api/v1/patrols").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse send(String token, long id, List<Map<String, Object>> points) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("coordType", "gcj02", "points", points))
                .when().post("/api/v1/patrols/" + id + "/points").then();
    }

    /** A point as the mini program sends it: GCJ-02, with its time. */
    private static Map<String, Object> point(double wgsLng, double wgsLat, Instant at) {
        LngLat gcj = Gcj02.fromWgs84(new LngLat(wgsLng, wgsLat));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lng", gcj.lng());
        p.put("lat", gcj.lat());
        p.put("at", at.toString());
        return p;
    }

    /**
     * The i-th position of a walk back and forth over the compound (rows 60 m apart, 12 m per 10 s): row k runs
     * west to east when k is even; between rows the walker goes 60 m north.
     */
    private static double[] walk(double west, double south, double rowMetres, int i) {
        double metresPerLng = METRES_PER_DEGREE * Math.cos(Math.toRadians(south));
        double s = i * 12.0;
        double leg = rowMetres + 60;
        int k = (int) (s / leg);
        double within = s - k * leg;
        double x;
        double y = k * 60.0;
        if (within < rowMetres) {
            x = k % 2 == 0 ? within : rowMetres - within;
        } else {
            x = k % 2 == 0 ? rowMetres : 0;
            y += within - rowMetres;
        }
        return new double[] {west + x / metresPerLng, south + y / METRES_PER_DEGREE};
    }

    @Test
    void anEightHourPatrolWithAPointEvery10SecondsIsAcceptedInBatchesAndSummarised() {
        IncidentFixture f = new IncidentFixture();
        double west = f.tree.compoundA().lng() - 0.009;
        double south = f.tree.compoundA().lat() - 0.009;
        double rowMetres = 0.018 * METRES_PER_DEGREE * Math.cos(Math.toRadians(south));
        clock.freezeAt(T0);
        long id = start(f.worker.token());
        given().auth().oauth2(f.worker.token()).when().post("/api/v1/patrols").then().statusCode(409)
                .body("code", equalTo("PATROL_ALREADY_ACTIVE"));

        int total = 8 * 360; // 8 hours, one point every 10 s
        int perBatch = 480;
        int extras = 0;
        for (int from = 0; from < total; from += perBatch) {
            List<Map<String, Object>> batch = new ArrayList<>();
            Instant last = T0;
            for (int i = from; i < Math.min(total, from + perBatch); i++) {
                double[] p = walk(west, south, rowMetres, i);
                last = T0.plusSeconds(5 + 10L * i);
                batch.add(point(p[0], p[1], last));
                if (i % 100 == 0) { // a second fix 4 s later: dropped and counted
                    batch.add(point(p[0], p[1], last.plusSeconds(4)));
                    extras++;
                }
            }
            clock.freezeAt(last.plusSeconds(1));
            send(f.worker.token(), id, batch).statusCode(200).body("flagged", equalTo(0));
        }
        // a retried batch changes nothing: every point is too close to one already kept
        double[] again = walk(west, south, rowMetres, total - 1);
        send(f.worker.token(), id, List.of(point(again[0], again[1], T0.plusSeconds(5 + 10L * (total - 1)))))
                .statusCode(200).body("kept", equalTo(0)).body("dropped", equalTo(1));

        clock.freezeAt(T0.plus(Duration.ofHours(8)).plusSeconds(10));
        JsonPath summary = given().auth().oauth2(f.worker.token()).queryParam("coordType", "wgs84")
                .when().post("/api/v1/patrols/" + id + "/finish").then().statusCode(200)
                .body("status", equalTo("FINISHED"))
                .body("pointsKept", equalTo(total))
                .body("pointsDropped", equalTo(extras + 1))
                .body("jumpsFlagged", equalTo(0))
                .body("durationSeconds", equalTo(8 * 3600 + 10))
                .body("track.coordinates", hasSize(total))
                .extract().jsonPath();
        double length = summary.getDouble("lengthMetres");
        assertTrue(Math.abs(length - (total - 1) * 12.0) < 0.01 * total * 12, "length " + length);
        double coverage = summary.getDouble("coverage");
        // rows 0..19 complete and row 20 in part, each covering 60 m of the 2.2 km square's height
        assertTrue(coverage > 0.45 && coverage < 0.6, "coverage " + coverage);
        double firstLng = summary.getDouble("track.coordinates[0][0]");
        assertEquals(walk(west, south, rowMetres, 0)[0], firstLng, 1e-5, "the track is stored in WGS-84");

        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/patrols/" + id).then().statusCode(200)
                .body("coverage", equalTo(coverage));
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/patrols/" + id).then().statusCode(404)
                .body("code", equalTo("PATROL_NOT_FOUND"));
        send(f.worker.token(), id, List.of(point(west, south, T0.plus(Duration.ofHours(8)))))
                .statusCode(409).body("code", equalTo("PATROL_FINISHED"));
    }

    @Test
    void aJumpFasterThanACarIsStoredFlaggedAndShown() {
        IncidentFixture f = new IncidentFixture();
        double x = f.lng;
        double y = f.lat;
        double metre = 1 / (METRES_PER_DEGREE * Math.cos(Math.toRadians(y)));
        clock.freezeAt(T0);
        long id = start(f.worker.token());
        clock.freezeAt(T0.plusSeconds(60));
        send(f.worker.token(), id, List.of(
                point(x, y, T0.plusSeconds(10)),
                point(x + 12 * metre, y, T0.plusSeconds(20)),
                point(x + 1012 * metre, y, T0.plusSeconds(30)),   // 1 km in 10 s: 360 km/h
                point(x + 24 * metre, y, T0.plusSeconds(40)),     // and back
                point(x + 36 * metre, y, T0.plusSeconds(50))))
                .statusCode(200).body("kept", equalTo(5)).body("flagged", equalTo(2));
        JsonPath patrol = given().auth().oauth2(f.worker.token()).queryParam("coordType", "wgs84")
                .when().post("/api/v1/patrols/" + id + "/finish").then().statusCode(200)
                .body("jumpsFlagged", equalTo(2))
                .body("jumps.seq", equalTo(List.of(3, 4)))
                .body("jumps[0].speedKmh", greaterThan(300.0))
                .body("track.coordinates", hasSize(5))
                .extract().jsonPath();
        double length = patrol.getDouble("lengthMetres");
        assertTrue(length > 30 && length < 40, "the length leaves the jumps out: " + length);
    }

    @Test
    void findingsBecomePatrolIncidentsAndNobodyElseTouchesThePatrol() {
        IncidentFixture f = new IncidentFixture();
        long id = start(f.worker.token());
        String key = UUID.randomUUID().toString();
        Map<String, Object> finding = f.body("0101", 0, List.of());
        long incident = given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(finding)
                .when().post("/api/v1/patrols/" + id + "/findings").then().statusCode(201)
                .body("source", equalTo("PATROL")).extract().jsonPath().getLong("id");
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(finding)
                .when().post("/api/v1/patrols/" + id + "/findings").then().statusCode(200)
                .body("id", equalTo((int) incident));
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/patrols/" + id).then().statusCode(200)
                .body("findingIds", equalTo(List.of((int) incident)));
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/patrols").then().statusCode(200)
                .body("items.id", hasItem((int) id));

        TestTokens.Staff workerB = TestTokens.staffOn(f.tree.compoundB(), Role.GRID_WORKER);
        TestTokens.Staff sameCompound = TestTokens.staffOn(f.tree.compoundA(), Role.GRID_WORKER);
        for (TestTokens.Staff other : List.of(workerB, sameCompound)) {
            send(other.token(), id, List.of(point(f.lng, f.lat, Instant.parse("2026-01-01T00:00:00Z"))))
                    .statusCode(404).body("code", equalTo("PATROL_NOT_FOUND"));
            given().auth().oauth2(other.token()).when().post("/api/v1/patrols/" + id + "/finish").then()
                    .statusCode(404);
            given().auth().oauth2(other.token()).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).body(finding)
                    .when().post("/api/v1/patrols/" + id + "/findings").then().statusCode(404);
        }
        given().auth().oauth2(workerB.token()).when().get("/api/v1/patrols/" + id).then().statusCode(404);
        given().auth().oauth2(workerB.token()).when().get("/api/v1/patrols").then().statusCode(200)
                .body("items.findAll { it.id == " + id + " }", hasSize(0));
        send(f.worker.token(), id, List.of(Map.of("lng", 500, "lat", 30, "at", "2026-01-01T00:00:00Z")))
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("points[0]"));
    }
}
