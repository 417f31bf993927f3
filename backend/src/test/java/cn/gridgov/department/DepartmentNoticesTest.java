package cn.gridgov.department;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.notify.feed.FeedClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Department staff hear of the calls to their department (#11 §3): a subscribe message through the outbox to each
 * of its handlers and admins linked to WeChat when it is called, warned, overdue, escalated or decided by
 * arbitration, and the feed's events of the incidents called to it; another department hears nothing.
 */
@QuarkusTest
class DepartmentNoticesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Inject
    TestClock clock;

    @Inject
    DepartmentSupervisor supervisor;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theCalledDepartmentsLinkedStaffGetSubscribeMessagesForCallDeadlinesAndEscalation() {
        IncidentFixture f = new IncidentFixture();
        long department = DepartmentFixture.department("县人防办");
        TestTokens.Staff handler = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_HANDLER);
        TestTokens.Staff admin = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff unlinked = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_HANDLER);
        long other = DepartmentFixture.department("县气象局");
        TestTokens.Staff stranger = DepartmentFixture.staffOf(other, f.tree.county().id(), Role.DEPT_HANDLER);
        DepartmentFixture.linkWeChat(handler.userId());
        DepartmentFixture.linkWeChat(admin.userId());
        DepartmentFixture.linkWeChat(stranger.userId());

        clock.freezeAt(at("2026-12-07T09:00"));
        long incident = f.reportInA("0101");
        whistle(f.adminA.token(), incident, department).statusCode(201);
        assertEquals(List.of("WHISTLE:" + handler.userId() + ":tpl-transitioned",
                "WHISTLE:" + admin.userId() + ":tpl-transitioned"), departmentMessages(incident, handler, admin, unlinked,
                stranger));
        JsonObject payload = (JsonObject) IncidentFixture.rows("""
                SELECT o.payload FROM notify_outbox o JOIN incident_flow fl ON fl.id = o.flow_id
                WHERE o.incident_id = $1 AND o.recipient_id = $2 AND fl.action = 'WHISTLE'""", incident,
                handler.userId()).get(0).getValue("payload");
        assertEquals("pages/incident/detail?id=" + incident, payload.getString("page"));

        clock.freezeAt(at("2026-12-07T10:40"));
        run();
        clock.freezeAt(at("2026-12-07T11:05"));
        run();
        assertEquals(List.of("WHISTLE:" + handler.userId() + ":tpl-transitioned",
                "WHISTLE:" + admin.userId() + ":tpl-transitioned",
                "DEPT_WARN:" + handler.userId() + ":tpl-yellow", "DEPT_WARN:" + admin.userId() + ":tpl-yellow",
                "DEPT_OVERDUE:" + handler.userId() + ":tpl-red", "DEPT_OVERDUE:" + admin.userId() + ":tpl-red",
                "DEPT_SUPERVISE:" + handler.userId() + ":tpl-escalated",
                "DEPT_SUPERVISE:" + admin.userId() + ":tpl-escalated"),
                departmentMessages(incident, handler, admin, unlinked, stranger));
    }

    @Test
    void theDepartmentArbitrationDecidesOnIsToldAndTheRefusingOneIsNot() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long refusing = DepartmentFixture.department("县商务局");
        long decided = DepartmentFixture.department("县文旅局");
        TestTokens.Staff refusingAdmin = DepartmentFixture.staffOf(refusing, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff decidedHandler = DepartmentFixture.staffOf(decided, f.tree.county().id(), Role.DEPT_HANDLER);
        DepartmentFixture.linkWeChat(refusingAdmin.userId());
        DepartmentFixture.linkWeChat(decidedHandler.userId());
        clock.freezeAt(at("2026-12-08T09:00"));
        long incident = f.reportInA("0101");
        long call = whistle(f.adminA.token(), incident, refusing).statusCode(201).extract().jsonPath().getLong("[0].id");
        act(refusingAdmin.token(), call, "refusal", Map.of("comment", "不属本局")).statusCode(200);
        long decidedCall = act(county.token(), call, "arbitration", Map.of("departmentId", decided, "comment", "由文旅局承办"))
                .statusCode(200).extract().jsonPath().getLong("id");
        assertEquals(List.of("WHISTLE:" + refusingAdmin.userId() + ":tpl-transitioned",
                "ARBITRATE:" + decidedHandler.userId() + ":tpl-transitioned"),
                departmentMessages(incident, refusingAdmin, decidedHandler));

        // the county presses on the decided call: its staff are told, once
        act(county.token(), decidedCall, "supervision", Map.of("comment", "请今日报到")).statusCode(200);
        assertTrue(departmentMessages(incident, decidedHandler).contains("DEPT_SUPERVISE:" + decidedHandler.userId()
                + ":tpl-escalated"));
    }

    @Test
    void theFeedBringsADepartmentTheEventsOfIncidentsCalledToItAndNothingElse() {
        IncidentFixture f = new IncidentFixture();
        long department = DepartmentFixture.department("县水利局");
        TestTokens.Staff handler = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_HANDLER);
        long other = DepartmentFixture.department("县统计局");
        TestTokens.Staff stranger = DepartmentFixture.staffOf(other, f.tree.county().id(), Role.DEPT_HANDLER);
        try (FeedClient mine = FeedClient.withHeader(FeedClient.feedUri(base.toString(), null), handler.token());
             FeedClient theirs = FeedClient.withHeader(FeedClient.feedUri(base.toString(), null), stranger.token())) {
            mine.awaitPing(WAIT);
            theirs.awaitPing(WAIT);
            long notCalled = f.reportInA("0101");
            long incident = f.reportInA("0101");
            clock.freezeAt(at("2026-12-09T09:00"));
            whistle(f.adminA.token(), incident, department).statusCode(201);
            mine.await(e -> e.getLong("incidentId") == incident && "WHISTLE".equals(e.getString("action")), WAIT);
            clock.freezeAt(at("2026-12-09T11:05"));
            run();
            mine.await(e -> e.getLong("incidentId") == incident && "red".equals(e.getString("type")), WAIT);
            mine.await(e -> e.getLong("incidentId") == incident && "escalated".equals(e.getString("type")), WAIT);
            assertEquals(List.of(), mine.about(notCalled), "an incident not called to the department stays unseen");
            assertEquals(List.of(), theirs.about(incident), "another department hears nothing of it");
        }
    }

    /** The outbox rows of the incident for these staff, as "ACTION:recipient:template", in order. */
    private static List<String> departmentMessages(long incident, TestTokens.Staff... staff) {
        List<Long> ids = new ArrayList<>();
        for (TestTokens.Staff s : staff) {
            ids.add(s.userId());
        }
        List<String> out = new ArrayList<>();
        for (Row r : IncidentFixture.rows("""
                SELECT fl.action, o.recipient_id, o.template_id FROM notify_outbox o JOIN incident_flow fl ON fl.id = o.flow_id
                WHERE o.incident_id = $1 AND o.recipient_id = ANY($2) ORDER BY o.flow_id, o.recipient_id""",
                incident, ids.toArray(Long[]::new))) {
            out.add(r.getString("action") + ":" + r.getLong("recipient_id") + ":" + r.getString("template_id"));
        }
        return out;
    }

    private void run() {
        supervisor.runOnce().await().atMost(Duration.ofSeconds(60));
    }

    private static java.time.Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static ValidatableResponse whistle(String token, long incident, long department) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("incidentId", incident, "departments", List.of(Map.of("departmentId", department,
                        "role", "LEAD", "reason", "职责所在"))))
                .when().post("/api/v1/department-calls").then();
    }

    private static ValidatableResponse act(String token, long call, String step, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/department-calls/" + call + "/" + step).then();
    }
}
