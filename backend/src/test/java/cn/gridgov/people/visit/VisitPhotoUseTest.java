package cn.gridgov.people.visit;

import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.media.MediaRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A photo is used once, whatever uses it (MediaRepository.unused): a photo linked to a key-group visit cannot then
 * be attached to an incident or a volunteer claim, as a photo on an incident or a claim cannot be linked to a visit.
 */
@QuarkusTest
class VisitPhotoUseTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    MediaRepository media;

    @Inject
    Pool pool;

    @Test
    void aPhotoOnAVisitCannotGoOnAnIncident() {
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        String photo = IncidentFixture.photo(f.worker.token());
        f.recordWithPhotos(household, List.of(photo)).statusCode(201);

        report(f, photo).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
        assertEquals(0, VisitFixture.count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.worker.userId()));
        // the same report with a photo of its own is taken: the refusal was the photo's
        report(f, IncidentFixture.photo(f.worker.token())).statusCode(201);
    }

    @Test
    void aPhotoOnAnIncidentCannotGoOnAVisit() {
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        String photo = IncidentFixture.photo(f.worker.token());
        report(f, photo).statusCode(201);

        f.recordWithPhotos(household, List.of(photo)).statusCode(400).body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
    }

    @Test
    void aPhotoOnAVisitIsNotAttachedToAVolunteerClaim() {
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        String photo = IncidentFixture.photo(f.worker.token());
        f.recordWithPhotos(household, List.of(photo)).statusCode(201);

        // (a claim's photos are its volunteer's own; here the rule itself is asked, with a claim that does not exist:
        // a photo taken by the attach would fail its foreign key)
        assertEquals(0, pool.withTransaction(tx -> media.attachToClaim(tx, List.of(UUID.fromString(photo)), -1L,
                f.worker.userId())).await().atMost(WAIT));
    }

    /** A report by the visit's grid worker at building A, with one photo. */
    private static io.restassured.response.ValidatableResponse report(VisitFixture f, String photo) {
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", "0101");
        body.put("description", "走访中发现的问题 " + UUID.randomUUID());
        body.put("location", Map.of("lng", f.tree.buildingA().lng(), "lat", f.tree.buildingA().lat(), "coordType", "wgs84"));
        body.put("mediaIds", List.of(photo));
        return given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).queryParam("coordType", "wgs84").body(body)
                .when().post("/api/v1/incidents").then();
    }
}
