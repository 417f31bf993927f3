package cn.gridgov.incident;

import cn.gridgov.common.geo.Gcj02;
import cn.gridgov.common.geo.LngLat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reporting: location, idempotency, on-the-spot resolution, duplicates and refusals. */
@QuarkusTest
class IncidentReportTest {

    @Test
    void aRetriedReportMakesOneIncident() {
        IncidentFixture f = new IncidentFixture();
        Map<String, Object> body = f.body("0101", 0, List.of());
        String key = UUID.randomUUID().toString();
        long id = f.report(f.resident.token(), body, key).statusCode(201).extract().jsonPath().getLong("id");
        f.report(f.resident.token(), body, key).statusCode(200).body("id", equalTo((int) id))
                .header("Location", containsString("/api/v1/incidents/" + id));
        assertEquals(1, count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId()));
        assertEquals(1, count("SELECT count(*) FROM incident_flow WHERE incident_id = $1", id));
    }

    @Test
    void twoCopiesOfAReportSentAtOnceMakeOneIncident() throws Exception {
        IncidentFixture f = new IncidentFixture();
        Map<String, Object> body = f.body("0102", 0, List.of());
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> answers = pool.invokeAll(List.<Callable<Long>>of(
                    () -> f.report(f.resident.token(), body, key).extract().jsonPath().getLong("id"),
                    () -> f.report(f.resident.token(), body, key).extract().jsonPath().getLong("id")));
            assertEquals(answers.get(0).get(), answers.get(1).get());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId()));
    }

    @Test
    void theCategorysHandlingLevelDecidesTheOwnerNode() {
        IncidentFixture f = new IncidentFixture();
        // 0104 道路破损 is handled by the town, 0304 危房险情 by the county
        f.report(f.resident.token(), f.body("0104", 0, List.of()), UUID.randomUUID().toString()).statusCode(201)
                .body("ownerRegionId", equalTo((int) f.tree.town().id()));
        f.report(f.resident.token(), f.body("0304", 0, List.of()), UUID.randomUUID().toString()).statusCode(201)
                .body("ownerRegionId", equalTo((int) f.tree.county().id()))
                .body("assigneeId", equalTo((int) f.worker.userId()));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        IncidentFixture f = new IncidentFixture();
        String key = UUID.randomUUID().toString();
        f.report(f.resident.token(), f.body("0101", 0, List.of()), key).statusCode(201);
        f.report(f.resident.token(), f.body("0101", 5, List.of()), key).statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1, count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId()));
    }

    @Test
    void aReportWithoutAnIdempotencyKeyIsRefused() {
        IncidentFixture f = new IncidentFixture();
        given().auth().oauth2(f.resident.token()).contentType(ContentType.JSON).body(f.body("0101", 0, List.of()))
                .when().post("/api/v1/incidents").then().statusCode(400)
                .body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
    }

    @Test
    void gcj02PositionsAreStoredInWgs84AndShownInWhatIsAskedFor() {
        IncidentFixture f = new IncidentFixture();
        LngLat gcj = Gcj02.fromWgs84(new LngLat(f.lng, f.lat));
        Map<String, Object> body = new HashMap<>(f.body("0101", 0, List.of()));
        body.put("location", Map.of("lng", gcj.lng(), "lat", gcj.lat()));
        long id = given().auth().oauth2(f.resident.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/v1/incidents").then().statusCode(201)
                .body("location.coordType", equalTo("gcj02"))
                .body("region.compoundId", equalTo((int) f.tree.compoundA().id()))
                .extract().jsonPath().getLong("id");
        double storedLng = IncidentFixture.pool().preparedQuery("SELECT ST_X(position) FROM incident WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getDouble(0);
        assertEquals(f.lng, storedLng, 1e-7);
        f.get(f.resident.token(), id).body("location.coordType", equalTo("wgs84"));
    }

    @Test
    void aGridWorkerResolvingOnTheSpotReportsItClosed() {
        IncidentFixture f = new IncidentFixture();
        String photo = IncidentFixture.photo(f.worker.token());
        Map<String, Object> body = new HashMap<>(f.body("0203", 0, List.of(photo)));
        body.put("selfResolved", true);
        f.report(f.worker.token(), body, UUID.randomUUID().toString()).statusCode(201)
                .body("status", equalTo("CLOSED"))
                .body("source", equalTo("GRID_REPORT"))
                .body("selfResolved", equalTo(true))
                .body("assigneeId", equalTo((int) f.worker.userId()))
                .body("flow.action", contains("REPORT", "SELF_RESOLVE"))
                .body("flow[1].mediaIds", contains(photo));

        Map<String, Object> noPhoto = new HashMap<>(f.body("0203", 0, List.of()));
        noPhoto.put("selfResolved", true);
        f.report(f.worker.token(), noPhoto, UUID.randomUUID().toString()).statusCode(400)
                .body("code", equalTo("RESULT_PHOTO_REQUIRED"));
        String residentPhoto = IncidentFixture.photo(f.resident.token());
        Map<String, Object> byResident = new HashMap<>(f.body("0203", 0, List.of(residentPhoto)));
        byResident.put("selfResolved", true);
        f.report(f.resident.token(), byResident, UUID.randomUUID().toString()).statusCode(400)
                .body("code", equalTo("SELF_RESOLVE_STAFF_ONLY"));
    }

    @Test
    void openIncidentsOfTheSameCategoryNearbyAreListedAsPossibleDuplicates() {
        IncidentFixture f = new IncidentFixture();
        long first = f.reported("0201");
        long farther = f.report(f.resident.token(), f.body("0201", 120, List.of()), UUID.randomUUID().toString())
                .statusCode(201).extract().jsonPath().getLong("id");
        f.report(f.resident.token(), f.body("0201", 10, List.of()), UUID.randomUUID().toString()).statusCode(201)
                .body("possibleDuplicates.id", contains((int) first))
                .body("possibleDuplicates[0].distanceMetres", equalTo(10.0f))
                .body("possibleDuplicates.id", not(hasItem((int) farther)));
        f.report(f.resident.token(), f.body("0202", 10, List.of()), UUID.randomUUID().toString()).statusCode(201)
                .body("possibleDuplicates", empty());
    }

    @Test
    void photosOfSomeoneElseCannotBeAttachedAndNothingIsRecorded() {
        IncidentFixture f = new IncidentFixture();
        String othersPhoto = IncidentFixture.photo(f.otherResident.token());
        String key = UUID.randomUUID().toString();
        f.report(f.resident.token(), f.body("0101", 0, List.of(othersPhoto)), key).statusCode(400)
                .body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
        assertEquals(0, count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId()));
        // the key was not used up by the refused report
        String own = IncidentFixture.photo(f.resident.token());
        long id = f.report(f.resident.token(), f.body("0101", 0, List.of(own)), key).statusCode(201)
                .extract().jsonPath().getLong("id");
        // a photo belongs to one incident only
        f.report(f.resident.token(), f.body("0101", 0, List.of(own)), UUID.randomUUID().toString()).statusCode(400)
                .body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
        assertEquals(id, count("SELECT incident_id FROM media WHERE id = $1", UUID.fromString(own)));
    }

    @Test
    void badReportsAreRefusedWithClearErrors() {
        IncidentFixture f = new IncidentFixture();
        Map<String, Object> outside = new HashMap<>(f.body("0101", 0, List.of()));
        outside.put("location", Map.of("lng", 2.35, "lat", 48.85, "coordType", "wgs84"));
        f.report(f.resident.token(), outside, UUID.randomUUID().toString()).statusCode(400)
                .body("code", equalTo("OUTSIDE_COVERAGE"));
        f.report(f.resident.token(), f.body("01", 0, List.of()), UUID.randomUUID().toString()).statusCode(400)
                .body("code", equalTo("CATEGORY_NOT_REPORTABLE"));
        Map<String, Object> noDescription = new HashMap<>(f.body("0101", 0, List.of()));
        noDescription.remove("description");
        f.report(f.resident.token(), noDescription, UUID.randomUUID().toString()).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("description"));
        Map<String, Object> badCoords = new HashMap<>(f.body("0101", 0, List.of()));
        badCoords.put("location", Map.of("lng", 190, "lat", 36));
        f.report(f.resident.token(), badCoords, UUID.randomUUID().toString()).statusCode(400)
                .body("code", equalTo("BAD_COORDINATES"));
        assertEquals(0, count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId()));
    }

    private static long count(String sql, Object arg) {
        return IncidentFixture.pool().preparedQuery(sql).execute(Tuple.of(arg)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
