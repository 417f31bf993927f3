package cn.gridgov.stats.export;

import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The row cap: a filter matching more rows than allowed is refused before anything is written; one below is served. */
@QuarkusTest
@TestProfile(ExportRowCapTest.Profile.class)
class ExportRowCapTest {

    /** At most two rows per export. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridgov.exports.max-rows", "2");
        }
    }

    @Test
    void moreRowsThanTheCapAreRefusedWithAClearChineseError() {
        IncidentFixture f = new IncidentFixture();
        long first = f.reportInA("0101");
        f.reportInA("0102");
        f.reportInA("0401");
        for (String ext : new String[] {"csv", "geojson", "xlsx"}) {
            given().auth().oauth2(f.adminA.token()).when().get("/api/v1/exports/incidents." + ext)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("EXPORT_TOO_LARGE")).body("detail", containsString("超过 2 条"));
        }
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM incident_export WHERE actor_user_id = $1",
                f.adminA.userId()));
        // narrowed to fit, the same export is served
        String body = given().auth().oauth2(f.adminA.token()).queryParam("categoryCode", "0101")
                .when().get("/api/v1/exports/incidents.csv").then().statusCode(200).extract().asString();
        assertEquals(2, ExportFiles.csv(body.substring(1)).size());
        assertEquals(String.valueOf(first), ExportFiles.csv(body.substring(1)).get(1).get(0));
    }
}
