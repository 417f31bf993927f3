package cn.gridgov.incident;

import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.media.TestPhotos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Where and when a photo was taken (its EXIF) is shown to staff whose scope covers the incident and to the
 * photo's own uploader, never to another resident who may see the incident.
 */
@QuarkusTest
class PhotoExifVisibilityTest {

    /** Whole hundredths of an arc second, which EXIF rationals carry exactly. */
    private static final double WORKER_LNG = 113 + 26 / 60.0 + 10.07 / 3600;
    private static final double WORKER_LAT = 36 + 12 / 60.0 + 4.32 / 3600;
    private static final double RESIDENT_LNG = 113 + 25 / 60.0 + 1.5 / 3600;
    private static final double RESIDENT_LAT = 36 + 11 / 60.0 + 2.25 / 3600;

    private static final RestAssuredConfig DOUBLES = RestAssured.config().jsonConfig(
            JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Test
    void staffInScopeSeeExifOfEveryPhotoAndTheResidentOnlyOfTheirOwn() {
        IncidentFixture f = new IncidentFixture();
        String residentPhoto = upload(f.resident.token(), RESIDENT_LNG, RESIDENT_LAT, "2026:03:01 09:00:00");
        long id = f.report(f.resident.token(), f.body("0101", 0, List.of(residentPhoto)), UUID.randomUUID().toString())
                .statusCode(201).extract().jsonPath().getLong("id");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), id, "START").statusCode(200);
        String workerPhoto = upload(f.worker.token(), WORKER_LNG, WORKER_LAT, "2026:03:02 14:30:00");
        f.act(f.worker.token(), id, "RESOLVE", Map.of("comment", "已处理", "mediaIds", List.of(workerPhoto)))
                .statusCode(200);

        String worker = "media.find { it.id == '" + workerPhoto + "' }";
        String own = "media.find { it.id == '" + residentPhoto + "' }";
        // the community admin (scope covers the incident) sees where and when both photos were taken
        for (String token : List.of(f.adminA.token(), f.townAdmin.token())) {
            detail(token, id)
                    .body(worker + ".exif.lng", closeTo(WORKER_LNG, 1e-9))
                    .body(worker + ".exif.lat", closeTo(WORKER_LAT, 1e-9))
                    .body(worker + ".exif.takenAt", equalTo("2026-03-02T14:30:00+08:00"))
                    .body(own + ".exif.lng", closeTo(RESIDENT_LNG, 1e-9))
                    .body(own + ".exif.takenAt", equalTo("2026-03-01T09:00:00+08:00"));
        }
        // the reporting resident sees the handler's photo, but not where or when the handler took it
        detail(f.resident.token(), id)
                .body(worker + ".id", equalTo(workerPhoto))
                .body(worker + ".exif", nullValue())
                .body(worker + ".urls.original", nullValue())
                // their own photo's EXIF is their own data (they hold the original file that carries it)
                .body(own + ".exif.lng", closeTo(RESIDENT_LNG, 1e-9));
    }

    @Test
    void theJavaScopeCheckAgreesWithTheSqlPredicate() {
        String[][] cases = {{"1.4.17", "1.4"}, {"1.4", "1.4"}, {"1.40.17", "1.4"}, {"1.4", "1.4.17"}, {"2.4", "1"},
                {"1.4.17.90", "1"}};
        for (String[] c : cases) {
            boolean sql = IncidentFixture.pool().preparedQuery("SELECT text2ltree($1) <@ text2ltree($2) AS inside")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(c[0], c[1])).await().indefinitely()
                    .iterator().next().getBoolean("inside");
            Actor staff = new Actor(1L, Set.of(Role.STAFF, Role.COMMUNITY_ADMIN), c[1], 1L, "127.0.0.1");
            Actor resident = new Actor(1L, Set.of(Role.RESIDENT), c[1], null, "127.0.0.1");
            assertEquals(sql, Visibility.staffScopeCovers(staff, c[0]), c[0] + " <@ " + c[1]);
            assertFalse(Visibility.staffScopeCovers(resident, c[0]), "a resident has no staff scope");
        }
    }

    private static io.restassured.response.ValidatableResponse detail(String token, long id) {
        return given().config(DOUBLES).auth().oauth2(token).queryParam("coordType", "wgs84")
                .when().get("/api/v1/incidents/" + id).then().statusCode(200);
    }

    private static String upload(String token, double lng, double lat, String takenAt) {
        return given().auth().oauth2(token)
                .multiPart("file", "tmp_" + UUID.randomUUID() + ".jpg", TestPhotos.jpegWithExif(64, 48, lng, lat, takenAt, 1),
                        "application/octet-stream")
                .when().post("/api/v1/media").then().statusCode(201).extract().path("id");
    }
}
