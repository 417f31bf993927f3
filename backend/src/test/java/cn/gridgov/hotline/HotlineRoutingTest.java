package cn.gridgov.hotline;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.department.DepartmentFixture;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.gridgov.incident.IncidentFixture.intValue;
import static cn.gridgov.incident.IncidentFixture.rows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 12345 routing by the responsibility list (#11 §4) from outside: an order whose category names a lead department
 * is called to it by the system as soon as it is reported (the owning community being the whistling node), once
 * even when pushed again; the lead's staff see it, other departments do not; a category without a lead stays with
 * the community alone.
 */
@QuarkusTest
class HotlineRoutingTest {

    private static final String ORDERS = "/api/v1/integrations/hotline/orders";
    /** A category no other test puts on the responsibility list. */
    private static final String ROUTED = "0603";
    /** A category no test puts on the list: no lead, no routing. */
    private static final String UNLISTED = "0502";

    @Inject
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void anOrderOfACategoryWithALeadIsCalledToThatDepartmentOnceAndItsHandlerSeesIt() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long lead = DepartmentFixture.department("县林业局");
        TestTokens.Staff handler = DepartmentFixture.staffOf(lead, f.tree.county().id(), Role.DEPT_HANDLER);
        long other = DepartmentFixture.department("县文旅局");
        TestTokens.Staff stranger = DepartmentFixture.staffOf(other, f.tree.county().id(), Role.DEPT_HANDLER);
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("departments", List.of(Map.of("departmentId", lead, "role", "LEAD")),
                        "legalBasis", "《森林法》", "version", version(ROUTED)))
                .when().put("/api/v1/responsibilities/" + ROUTED).then().statusCode(200);
        String key = issue(f, county);
        clock.freezeAt(LocalDateTime.parse("2026-12-07T09:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant());

        Map<String, Object> order = order(f, "route", ROUTED);
        long incident = push(key, order).statusCode(201).body("ownerRegionName", equalTo(f.tree.communityA().name()))
                .extract().jsonPath().getLong("incidentId");
        push(key, order).statusCode(200).body("incidentId", equalTo((int) incident));

        // one call, to the lead, whistled by the system for the owning community
        List<Row> calls = rows("SELECT department_id, role, status, caller_region_id, ltree2text(caller_path) AS path "
                + "FROM department_call WHERE incident_id = $1", incident);
        assertEquals(1, calls.size());
        assertEquals(lead, calls.get(0).getLong("department_id"));
        assertEquals("LEAD", calls.get(0).getString("role"));
        assertEquals("CALLED", calls.get(0).getString("status"));
        assertEquals(f.tree.communityA().id(), calls.get(0).getLong("caller_region_id"));
        assertEquals(1, intValue("SELECT count(*)::int FROM incident_flow WHERE incident_id = $1 AND action = 'WHISTLE' "
                + "AND actor_role = 'SYSTEM'", incident));

        // the lead's handler sees it and reports; another department's staff do not see it
        long callId = given().auth().oauth2(handler.token()).when().get("/api/v1/department-calls").then()
                .statusCode(200).body("items.incidentId", hasItem((int) incident))
                .extract().jsonPath().getLong("items.find { it.incidentId == " + incident + " }.id");
        given().auth().oauth2(handler.token()).when().get("/api/v1/incidents/" + incident).then().statusCode(200);
        given().auth().oauth2(stranger.token()).when().get("/api/v1/incidents/" + incident).then().statusCode(404);
        given().auth().oauth2(handler.token()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/department-calls/" + callId + "/report").then().statusCode(200)
                .body("status", equalTo("REPORTED"));

        // a category without a lead on the list stays with the community alone
        long plain = push(key, order(f, "plain", UNLISTED)).statusCode(201).extract().jsonPath().getLong("incidentId");
        assertEquals(0, intValue("SELECT count(*)::int FROM department_call WHERE incident_id = $1", plain));
        assertTrue(intValue("SELECT count(*)::int FROM incident WHERE id = $1 AND owner_region_id = $2", plain,
                f.tree.communityA().id()) == 1);
    }

    private static int version(String categoryCode) {
        List<Row> found = rows("SELECT e.version FROM responsibility_entry e JOIN incident_category c "
                + "ON c.id = e.category_id WHERE c.code = $1", categoryCode);
        return found.isEmpty() ? 0 : found.get(0).getInteger("version");
    }

    private static String issue(IncidentFixture f, TestTokens.Staff county) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "县12345热线（直派部门）");
        body.put("regionId", f.tree.county().id());
        return given().auth().oauth2(county.token()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/integrations/hotline/clients").then().statusCode(201)
                .extract().jsonPath().getString("apiKey");
    }

    private static Map<String, Object> order(IncidentFixture f, String suffix, String category) {
        Map<String, Object> body = new HashMap<>();
        body.put("orderNo", "GD" + f.tree.compoundA().id() + "-" + suffix);
        body.put("requestText", "山林边有人焚烧秸秆");
        body.put("lng", f.lng);
        body.put("lat", f.lat);
        body.put("coordType", "wgs84");
        body.put("categoryCode", category);
        body.put("deadline", "2026-12-09T18:00:00+08:00");
        return body;
    }

    private static ValidatableResponse push(String key, Object body) {
        return given().header("X-Api-Key", key).contentType(ContentType.JSON).body(body).when().post(ORDERS).then();
    }
}
