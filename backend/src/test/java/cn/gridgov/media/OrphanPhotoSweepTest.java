package cn.gridgov.media;

import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Photos uploaded but never attached to an incident are deleted after a day, with their objects; attached ones stay. */
@QuarkusTest
class OrphanPhotoSweepTest {

    @Inject
    OrphanMediaSweeper sweeper;

    @Test
    void abandonedPhotosAreDeletedAndAttachedOnesKept() throws Exception {
        IncidentFixture f = new IncidentFixture();
        String orphan = IncidentFixture.photo(f.resident.token());
        String orphanUrl = given().auth().oauth2(f.resident.token()).redirects().follow(false)
                .when().get("/api/v1/media/" + orphan).then().statusCode(303).extract().header("Location");
        String attached = IncidentFixture.photo(f.resident.token());
        f.report(f.resident.token(), f.body("0101", 0, List.of(attached)), UUID.randomUUID().toString())
                .statusCode(201);
        IncidentFixture.pool().preparedQuery("UPDATE media SET created_at = now() - interval '2 days' WHERE id = ANY($1)")
                .execute(Tuple.of(new UUID[] {UUID.fromString(orphan), UUID.fromString(attached)}))
                .await().indefinitely();

        int deleted = sweeper.sweepOnce(Instant.now().minus(Duration.ofHours(24))).await().indefinitely();

        assertTrue(deleted >= 1, "deleted " + deleted);
        assertEquals(0, rows(orphan));
        assertEquals(1, rows(attached));
        HttpResponse<Void> gone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(orphanUrl)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(404, gone.statusCode(), "the display copy is gone from the store");
        given().auth().oauth2(f.resident.token()).redirects().follow(false).when().get("/api/v1/media/" + attached)
                .then().statusCode(303);
    }

    private static long rows(String id) {
        return IncidentFixture.pool().preparedQuery("SELECT count(*) FROM media WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getLong(0);
    }
}
