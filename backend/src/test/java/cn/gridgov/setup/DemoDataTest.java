package cn.gridgov.setup;

import cn.gridgov.identity.staff.StaffApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What `./gridgov run` promises a newcomer (the demo county is loaded and the printed demo logins work), and the
 * initial setup of a real deployment (the county from a file and the first county admin from configuration).
 */
@QuarkusTest
@TestProfile(DemoDataTest.DemoRun.class)
class DemoDataTest {

    /** The demo run, on a database of its own (the other tests own a test county of their own). */
    public static class DemoRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String db = "jdbc:postgresql://127.0.0.1:5432/gridgov_test_demorun";
            return Map.of("gridgov.demo.load", "true",
                    "gridgov.setup.regions-file", "src/main/resources/demo/demo-county.geojson",
                    "gridgov.setup.admin-username", "first-admin",
                    "gridgov.setup.admin-password", "first-admin-secret",
                    "quarkus.datasource.jdbc.url", db,
                    "quarkus.datasource.reactive.url", db.substring("jdbc:".length()));
        }
    }

    @Test
    void demoCountyIsLoadedAndDemoStaffCanLocateAPointInIt() {
        String token = StaffApi.login("demo-county", "gridgov-demo")
                .statusCode(200).extract().jsonPath().getString("accessToken");

        given().auth().oauth2(token).queryParam("level", "BUILDING").queryParam("limit", 200)
                .when().get("/api/v1/regions")
                .then().statusCode(200).body("items", hasSize(200)).body("nextCursor", notNullValue());
        given().auth().oauth2(token).queryParam("level", "TOWN")
                .when().get("/api/v1/regions")
                .then().statusCode(200).body("items.size()", greaterThanOrEqualTo(3));

        given().auth().oauth2(token)
                .queryParam("lng", 113.43).queryParam("lat", 36.20).queryParam("coordType", "wgs84")
                .when().get("/api/v1/regions/locate")
                .then().statusCode(200)
                .body("chain.level", contains("COUNTY", "TOWN", "COMMUNITY", "COMPOUND"))
                .body("chain[0].code", equalTo("140425"));
    }

    @Test
    void initialSetupCreatesTheFirstCountyAdminOnTheCountyRoot() {
        StaffApi.login("first-admin", "first-admin-secret").statusCode(200)
                .body("user.roles", org.hamcrest.Matchers.hasItem("COUNTY_ADMIN"))
                .body("user.region.level", equalTo("COUNTY"))
                .body("user.region.name", equalTo("平顺县(演示)"));
    }

    @Test
    void everyDemoRoleCanLogIn() {
        for (String user : new String[] {"demo-town", "demo-community", "demo-leader", "demo-worker", "demo-building"}) {
            StaffApi.login(user, "gridgov-demo").statusCode(200).body("user.username", equalTo(user));
        }
    }

    @Test
    void theDemoCommunityHasIncidentsToDispatchAndWatch() {
        String token = StaffApi.login("demo-community", "gridgov-demo")
                .statusCode(200).extract().jsonPath().getString("accessToken");
        java.util.List<String> statuses = given().auth().oauth2(token).queryParam("limit", 100)
                .when().get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items.status");
        assertEquals(12, statuses.size(), "three compounds with four reports each: " + statuses);
        assertEquals(java.util.Map.of("ACCEPTED", 4L, "DISPATCHED", 4L, "REJECTED", 2L, "REPORTED", 2L),
                statuses.stream().collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
    }
}
