package cn.gridgov.incident;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A report answers with what its transaction wrote, without reading the incident back: the answer must be exactly
 * what reading it back gives, that is the detail (GET) and the answer to a retry of the same request (read back,
 * with the duplicates), down to the microseconds of its times. Only the photos' presigned URLs and their expiry
 * differ from one read to the next.
 */
@QuarkusTest
class ReportAnswerTest {

    @Test
    void aReportAnswersWhatItsDetailAndARetryShowAfterwards() {
        IncidentFixture f = new IncidentFixture();
        long earlier = f.reported("0201");
        Map<String, Object> body = f.body("0201", 10, List.of());
        body.put("occurredAt", "2024-03-01T07:50:00.123456789+08:00");
        Map<String, Object> answer = sameAsReadBack(f, f.resident.token(), body, "wgs84");
        assertEquals(List.of((int) earlier), ((List<?>) answer.get("possibleDuplicates")).stream()
                .map(d -> ((Map<?, ?>) d).get("id")).toList());
    }

    @Test
    void anOnTheSpotResolutionWithAPhotoAnswersWhatItsDetailShows() {
        IncidentFixture f = new IncidentFixture();
        Map<String, Object> body = new HashMap<>(f.body("0203", 0, List.of(IncidentFixture.photo(f.worker.token()))));
        body.put("selfResolved", true);
        Map<String, Object> answer = sameAsReadBack(f, f.worker.token(), body, "gcj02");
        assertEquals("CLOSED", answer.get("status"));
        assertEquals(1, ((List<?>) answer.get("media")).size());
    }

    @Test
    void aReportAtABuildingOwnedByTheCountyAnswersWhatItsDetailShows() {
        IncidentFixture f = new IncidentFixture();
        // 0304 危房险情 is handled by the county: another owner path than the located node's
        Map<String, Object> answer = sameAsReadBack(f, f.worker.token(), f.body("0304", 0, List.of()), "wgs84");
        assertEquals((int) f.tree.county().id(), answer.get("ownerRegionId"));
    }

    /** Reports, then checks the answer against the detail and against a retry's answer; answers the report's. */
    private static Map<String, Object> sameAsReadBack(IncidentFixture f, String token, Map<String, Object> body,
                                                      String coordType) {
        String key = UUID.randomUUID().toString();
        Map<String, Object> answer = comparable(report(token, body, key, coordType).statusCode(201));
        long id = ((Number) answer.get("id")).longValue();
        Map<String, Object> retried = comparable(report(token, body, key, coordType).statusCode(200));
        assertEquals(retried, answer, "a retry reads the incident back");
        Map<String, Object> detail = comparable(given().auth().oauth2(token).queryParam("coordType", coordType)
                .when().get("/api/v1/incidents/" + id).then().statusCode(200));
        Map<String, Object> withoutDuplicates = new LinkedHashMap<>(answer);
        assertFalse(detail.containsKey("possibleDuplicates"));
        withoutDuplicates.remove("possibleDuplicates");
        assertEquals(detail, withoutDuplicates, "the detail reads the incident back");
        return answer;
    }

    private static ValidatableResponse report(String token, Map<String, Object> body, String key, String coordType) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .queryParam("coordType", coordType).body(body).when().post("/api/v1/incidents").then();
    }

    /** The answer as a map, the photos without their presigned URLs and the URLs' expiry (new on every read). */
    private static Map<String, Object> comparable(ValidatableResponse response) {
        Map<String, Object> map = new LinkedHashMap<>(response.extract().jsonPath().getMap("$"));
        Object media = map.get("media");
        if (media instanceof List<?> photos) {
            List<Map<String, Object>> stable = new ArrayList<>();
            for (Object photo : photos) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) photo);
                p.remove("urls");
                p.remove("urlsExpireAt");
                stable.add(p);
            }
            map.put("media", stable);
        }
        return map;
    }
}
