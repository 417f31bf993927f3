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

    @Test
    void aCallPastItsDeadlinesIsEscalatedToTheCountyOncePerDeadlineEvenWithTwoReplicas() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long department = DepartmentFixture.department("县卫生健康局");
        TestTokens.Staff handler = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_HANDLER);
        clock.freezeAt(at("2026-12-07T09:00"));
        long incident = f.reportInA("0101");
        long call = whistle(f.adminA.token(), incident, department).statusCode(201).extract().jsonPath().getLong("[0].id");

        clock.freezeAt(at("2026-12-07T10:59"));
        run();
        assertEquals(0, autoEscalations(incident), "not before the deadline");
        clock.freezeAt(at("2026-12-07T11:05"));
        runTwoAtOnce();
        run();
        assertEquals(1, marks(incident, "DEPT_OVERDUE"));
        assertEquals(1, autoEscalations(incident), "escalated once, however many replicas run");
        var escalation = IncidentFixture.rows("""
                SELECT comment, owner_region_id FROM incident_flow
                WHERE incident_id = $1 AND action = 'DEPT_SUPERVISE' AND actor_role = 'SYSTEM'""", incident).get(0);
        assertTrue(escalation.getString("comment").contains("县卫生健康局")
                && escalation.getString("comment").contains("报到"), escalation.getString("comment"));
        assertEquals(f.tree.county().id(), escalation.getLong("owner_region_id"), "the county presses on");
        given().auth().oauth2(county.token()).when().get("/api/v1/incidents/" + incident + "/flow").then()
                .statusCode(200).body("action", hasItem("DEPT_SUPERVISE"));
        assertEquals(1, IncidentFixture.intValue("""
                SELECT count(*)::int FROM department_call_mark
                WHERE call_id = $1 AND phase = 'RESPOND' AND mark = 'SUPERVISE' AND node_id = $2""",
                call, f.tree.county().id()));

        // reported late: the handling deadline is supervised and escalated on its own
        clock.freezeAt(at("2026-12-07T11:10"));
        String handleBy = act(handler.token(), call, "report", Map.of()).statusCode(200).extract().path("handleBy");
        clock.freezeAt(java.time.OffsetDateTime.parse(handleBy).toInstant().plusSeconds(60));
        run();
        run();
        assertEquals(2, marks(incident, "DEPT_OVERDUE"));
        assertEquals(2, autoEscalations(incident));
        String second = IncidentFixture.rows("""
                SELECT comment FROM incident_flow WHERE incident_id = $1 AND action = 'DEPT_SUPERVISE'
                AND actor_role = 'SYSTEM' ORDER BY id DESC LIMIT 1""", incident).get(0).getString("comment");
        assertTrue(second.contains("处置"), second);
    }

    @Test
    void aCallSentBackByArbitrationIsSupervisedAfreshOnItsNewDeadline() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long department = DepartmentFixture.department("县林业局");
        TestTokens.Staff admin = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_ADMIN);
        clock.freezeAt(at("2026-12-07T09:00"));
        long incident = f.reportInA("0101");
        long call = whistle(f.adminA.token(), incident, department).statusCode(201)
                .body("[0].round", equalTo(1)).extract().jsonPath().getLong("[0].id");
        clock.freezeAt(at("2026-12-07T10:40"));
        run();
        clock.freezeAt(at("2026-12-07T11:05"));
        run();
        assertEquals(List.of(1, 1, 1), List.of(marks(incident, "DEPT_WARN"), marks(incident, "DEPT_OVERDUE"),
                autoEscalations(incident)));

        clock.freezeAt(at("2026-12-07T11:10"));
        act(admin.token(), call, "refusal", Map.of("comment", "不属本局职责")).statusCode(200);
        clock.freezeAt(at("2026-12-07T14:30"));
        act(county.token(), call, "arbitration", Map.of("departmentId", department, "comment", "依清单仍由林业局承办"))
                .statusCode(200).body("status", equalTo("CALLED")).body("round", equalTo(2))
                .body("respondBy", equalTo("2026-12-07T16:30:00+08:00"));

        clock.freezeAt(at("2026-12-07T14:31"));
        run();
        assertEquals(List.of(1, 1, 1), List.of(marks(incident, "DEPT_WARN"), marks(incident, "DEPT_OVERDUE"),
                autoEscalations(incident)), "the new deadline is far: nothing yet");
        clock.freezeAt(at("2026-12-07T16:10"));
        run();
        assertEquals(2, marks(incident, "DEPT_WARN"), "yellow again on the new deadline");
        assertEquals(1, marks(incident, "DEPT_OVERDUE"));
        clock.freezeAt(at("2026-12-07T16:35"));
        run();
        run();
        assertEquals(List.of(2, 2, 2), List.of(marks(incident, "DEPT_WARN"), marks(incident, "DEPT_OVERDUE"),
                autoEscalations(incident)), "red and escalated again, once");
        // the county may press on the new round too
        press(county.token(), call, Map.of("comment", "请立即报到")).statusCode(200);
    }

    private void runTwoAtOnce() {
        io.smallrye.mutiny.Uni.join().all(supervisor.runOnce(), supervisor.runOnce()).andCollectFailures()
                .await().atMost(Duration.ofSeconds(60));
    }

    private static int autoEscalations(long incident) {
        return IncidentFixture.intValue("""
                SELECT count(*)::int FROM incident_flow WHERE incident_id = $1 AND action = 'DEPT_SUPERVISE'
                AND actor_role = 'SYSTEM'""", incident);
    }

    private static ValidatableResponse act(String token, long call, String step, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/department-calls/" + call + "/" + step).then();
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
