package cn.gridgov.department;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Supervision of department deadlines (#11 §3) from outside: a call not reported past its respond_by is marked
 * yellow then red, once each, by flow rows naming the department, which its staff see; only county admins press
 * on (督办) a call, once per node.
 */
@QuarkusTest
class DepartmentSupervisionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    TestClock clock;

    @Inject
    DepartmentSupervisor supervisor;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCallNotReportedInTimeIsMarkedYellowThenRedExactlyOnce() {
        IncidentFixture f = new IncidentFixture();
        long department = DepartmentFixture.department("县市场监管局");
        TestTokens.Staff handler = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_HANDLER);
        clock.freezeAt(at("2026-12-07T09:00"));
        long incident = f.reportInA("0101");
        whistle(f.adminA.token(), incident, department).statusCode(201)
                .body("[0].respondBy", equalTo("2026-12-07T11:00:00+08:00"));

        run();
        assertEquals(0, marks(incident, "DEPT_WARN"));
        clock.freezeAt(at("2026-12-07T10:40"));
        run();
        run();
        assertEquals(1, marks(incident, "DEPT_WARN"));
        assertEquals(0, marks(incident, "DEPT_OVERDUE"));

        clock.freezeAt(at("2026-12-07T11:05"));
        run();
        run();
        assertEquals(1, marks(incident, "DEPT_WARN"));
        assertEquals(1, marks(incident, "DEPT_OVERDUE"));
        String red = IncidentFixture.rows("SELECT comment FROM incident_flow WHERE incident_id = $1 AND action = 'DEPT_OVERDUE'",
                incident).get(0).getString("comment");
        assertTrue(red.contains("县市场监管局") && red.contains("报到"), red);

        // the department's staff see the marks on the incident's flow; another department's do not see the incident
        given().auth().oauth2(handler.token()).when().get("/api/v1/incidents/" + incident + "/flow").then()
                .statusCode(200).body("action", hasItem("DEPT_OVERDUE")).body("action", hasItem("DEPT_WARN"));
        long other = DepartmentFixture.department("县水务局");
        TestTokens.Staff stranger = DepartmentFixture.staffOf(other, f.tree.county().id(), Role.DEPT_HANDLER);
        given().auth().oauth2(stranger.token()).when().get("/api/v1/incidents/" + incident + "/flow").then()
                .statusCode(404);
    }

    @Test
    void onlyCountyAdminsPressOnACallOncePerNode() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long department = DepartmentFixture.department("县交通运输局");
        TestTokens.Staff handler = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_ADMIN);
        clock.freezeAt(at("2026-12-08T09:00"));
        long incident = f.reportInA("0101");
        long call = whistle(f.adminA.token(), incident, department).statusCode(201).extract().jsonPath().getLong("[0].id");

        Map<String, Object> body = Map.of("comment", "请今日内报到");
        press(f.adminA.token(), call, body).statusCode(403);
        press(f.worker.token(), call, body).statusCode(403);
        press(handler.token(), call, body).statusCode(403);
        press(county.token(), 999_999_999L, body).statusCode(404).contentType("application/problem+json");
        press(county.token(), call, Map.of("comment", " ")).statusCode(400).contentType("application/problem+json");
        assertEquals(0, marks(incident, "DEPT_SUPERVISE"));

        press(county.token(), call, body).statusCode(200).body("id", equalTo((int) call));
        press(county.token(), call, body).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CALL_ALREADY_SUPERVISED"));
        assertEquals(1, marks(incident, "DEPT_SUPERVISE"));
        String note = IncidentFixture.rows("SELECT comment FROM incident_flow WHERE incident_id = $1 AND action = 'DEPT_SUPERVISE'",
                incident).get(0).getString("comment");
        assertTrue(note.contains("县交通运输局") && note.contains("请今日内报到"), note);
        given().auth().oauth2(handler.token()).when().get("/api/v1/incidents/" + incident + "/flow").then()
                .statusCode(200).body("action", hasItem("DEPT_SUPERVISE"));
    }

    private void run() {
        supervisor.runOnce().await().atMost(Duration.ofSeconds(60));
    }

    private static java.time.Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static int marks(long incident, String action) {
        return IncidentFixture.intValue("SELECT count(*)::int FROM incident_flow WHERE incident_id = $1 AND action = $2",
                incident, action);
    }

    private static ValidatableResponse whistle(String token, long incident, long department) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("incidentId", incident, "departments", List.of(Map.of("departmentId", department,
                        "role", "LEAD", "reason", "职责所在"))))
                .when().post("/api/v1/department-calls").then();
    }

    private static ValidatableResponse press(String token, long call, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/department-calls/" + call + "/supervision").then();
    }
}
