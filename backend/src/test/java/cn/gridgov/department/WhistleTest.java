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

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 吹哨报到 from outside: the responsibility list, whistling within scope only, reporting on the working calendar,
 * a refusal going to the county's final arbitration, joint handling and the whistling node's verification.
 */
@QuarkusTest
class WhistleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theResponsibilityListHasExactlyOneLeadPerCategoryAndKeepsItsVersions() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long a = DepartmentFixture.department("县城管局");
        long b = DepartmentFixture.department("县住建局");
        int version = currentVersion("0203");

        put(county.token(), "0203", Map.of("departments", List.of(lead(a), lead(b)), "legalBasis", "两个牵头",
                "version", version)).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("RESPONSIBILITY_ONE_LEAD")).body("detail", startsWith("每个分类必须有且只有一个牵头部门"));
        put(county.token(), "0203", Map.of("departments", List.of(support(a)), "legalBasis", "没有牵头",
                "version", version)).statusCode(400).body("code", equalTo("RESPONSIBILITY_ONE_LEAD"));
        put(county.token(), "0203", Map.of("departments", List.of(lead(a), support(a)), "legalBasis", "重复",
                "version", version)).statusCode(400).body("code", equalTo("RESPONSIBILITY_DEPARTMENT_REPEATED"));
        put(county.token(), "0203", Map.of("departments", List.of(lead(999_999_999L)), "legalBasis", "无此部门",
                "version", version)).statusCode(400).body("code", equalTo("DEPARTMENT_UNKNOWN"));
        put(f.adminA.token(), "0203", Map.of("departments", List.of(lead(a)), "legalBasis", "社区无权",
                "version", version)).statusCode(403);
        put(county.token(), "9999", Map.of("departments", List.of(lead(a)), "legalBasis", "无此分类",
                "version", 0)).statusCode(404).body("code", equalTo("CATEGORY_NOT_FOUND"));

        put(county.token(), "0203", Map.of("departments", List.of(lead(a), support(b)), "legalBasis", "《城市市容和环境卫生管理条例》",
                "responseHours", 3, "version", version)).statusCode(200)
                .body("lead.id", equalTo((int) a)).body("supporters.id", equalTo(List.of((int) b)))
                .body("responseHours", equalTo(3)).body("version", equalTo(version + 1))
                .body("changedBy", equalTo((int) county.userId()));
        put(county.token(), "0203", Map.of("departments", List.of(lead(b)), "legalBasis", "旧版本",
                "version", version)).statusCode(409).body("code", equalTo("STALE_VERSION"));
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/responsibilities/0203/versions").then()
                .statusCode(200).body("[0].version", equalTo(version + 1)).body("[0].lead.id", equalTo((int) a));
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/responsibilities").then().statusCode(200)
                .body("categoryCode", hasItem("0203"));
    }

    @Test
    void aCommunityCannotWhistleOutsideItsScope() {
        IncidentFixture f = new IncidentFixture();
        long department = DepartmentFixture.department("县应急管理局");
        long incident = f.reportInA("0303");
        Map<String, Object> body = Map.of("departments", List.of(Map.of("departmentId", department, "role", "LEAD",
                "reason", "燃气隐患")));
        whistle(f.adminB.token(), incident, body).statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("INCIDENT_NOT_FOUND"));
        whistle(f.worker.token(), incident, body).statusCode(403);
        whistle(f.resident.token(), incident, body).statusCode(403);
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/department-calls/by-incident/" + incident).then()
                .statusCode(404);
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM department_call WHERE incident_id = $1", incident));

        whistle(f.adminA.token(), incident, Map.of("departments", List.of(Map.of("departmentId", department,
                "role", "LEAD")))).statusCode(400).body("code", equalTo("CALL_REASON_REQUIRED"));
        whistle(f.adminA.token(), incident, Map.of("departments", List.of(Map.of("departmentId", department,
                "role", "BOSS", "reason", "x")))).statusCode(400).body("code", equalTo("CALL_ROLE_UNKNOWN"));
        given().auth().oauth2(f.adminA.token()).contentType(ContentType.JSON).body("{\"incidentId\":" + incident + ",\"departments\":[{")
                .when().post("/api/v1/department-calls").then().statusCode(400)
                .contentType("application/problem+json");
        whistle(f.adminA.token(), incident, body).statusCode(201).body("", hasSize(1));
        whistle(f.adminA.token(), incident, body).statusCode(409).body("code", equalTo("DEPARTMENT_ALREADY_CALLED"));
        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/department-calls?status=NOPE").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("CALL_STATUS_UNKNOWN"));
        given().auth().oauth2(f.adminA.token()).contentType(ContentType.JSON).body(Map.of("comment", "x"))
                .when().post("/api/v1/department-calls/999999999/work").then().statusCode(403);
    }

    @Test
    void aFridayEveningCallIsDueMondayMorningOnTheWorkingCalendar() {
        IncidentFixture f = new IncidentFixture();
        long department = DepartmentFixture.department("县供电公司");
        TestTokens.Staff handler = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_HANDLER);
        clock.freezeAt(LocalDateTime.parse("2026-12-04T19:00").atZone(SHANGHAI).toInstant());
        long incident = f.reportInA("0101");
        long call = whistle(f.adminA.token(), incident, Map.of("departments", List.of(Map.of("departmentId", department,
                "role", "LEAD", "reason", "路灯线路归供电公司")))).statusCode(201)
                .body("[0].respondBy", equalTo("2026-12-07T10:30:00+08:00")).body("[0].status", equalTo("CALLED"))
                .extract().jsonPath().getLong("[0].id");

        clock.freezeAt(LocalDateTime.parse("2026-12-07T11:00").atZone(SHANGHAI).toInstant());
        act(handler.token(), call, "report", Map.of()).statusCode(200).body("status", equalTo("REPORTED"))
                .body("handlerId", equalTo((int) handler.userId()))
                .body("reportedAt", equalTo("2026-12-07T11:00:00+08:00"))
                .body("handleBy", equalTo("2026-12-07T17:30:00+08:00"));
        String note = IncidentFixture.rows("SELECT comment FROM incident_flow WHERE incident_id = $1 AND action = 'DEPT_REPORT'",
                incident).get(0).getString("comment");
        assertTrue(note.contains("超时报到"), note);
    }

    @Test
    void aRefusalGoesToTheCountyWhoseDecidedDepartmentMustReportThenTheLeadResolvesAndTheNodeVerifies() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long lead = DepartmentFixture.department("县住建局");
        long supporter = DepartmentFixture.department("县市场监管局");
        long decided = DepartmentFixture.department("县城管局");
        put(county.token(), "0202", Map.of("departments", List.of(lead(lead), support(supporter)),
                "legalBasis", "《城乡规划法》第六十四条", "version", currentVersion("0202"))).statusCode(200);
        TestTokens.Staff leadAdmin = DepartmentFixture.staffOf(lead, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff supporterHandler = DepartmentFixture.staffOf(supporter, f.tree.county().id(), Role.DEPT_HANDLER);
        TestTokens.Staff decidedAdmin = DepartmentFixture.staffOf(decided, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff decidedHandler = DepartmentFixture.staffOf(decided, f.tree.county().id(), Role.DEPT_HANDLER);
        long incident = f.reportInA("0202");

        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/department-calls/proposal/" + incident)
                .then().statusCode(200).body("lead.id", equalTo((int) lead)).body("supporters.id", equalTo(List.of((int) supporter)));
        f.get(decidedHandler.token(), incident).statusCode(404);
        List<Integer> ids = whistle(f.adminA.token(), incident, Map.of()).statusCode(201).body("", hasSize(2))
                .body("role", equalTo(List.of("LEAD", "SUPPORT"))).extract().path("id");
        long leadCall = ids.get(0);
        long supportCall = ids.get(1);

        act(decidedAdmin.token(), leadCall, "refusal", Map.of("comment", "不是我们的")).statusCode(404);
        act(leadAdmin.token(), leadCall, "refusal", Map.of("comment", "违建拆除属城管局职责")).statusCode(200)
                .body("status", equalTo("REFUSED")).body("refusable", equalTo(false));
        act(leadAdmin.token(), leadCall, "refusal", Map.of("comment", "再拒一次")).statusCode(409)
                .body("code", equalTo("CALL_NOT_REFUSABLE"));
        act(f.adminA.token(), leadCall, "arbitration", Map.of("departmentId", decided, "comment", "x")).statusCode(403);
        given().auth().oauth2(county.token()).when().get("/api/v1/department-calls?status=REFUSED&limit=200").then()
                .statusCode(200).body("items.id", hasItem((int) leadCall));
        long decidedCall = act(county.token(), leadCall, "arbitration", Map.of("departmentId", decided,
                "comment", "依清单，违建拆除由城管局牵头")).statusCode(200)
                .body("department.id", equalTo((int) decided)).body("role", equalTo("LEAD"))
                .body("status", equalTo("CALLED")).body("refusable", equalTo(false))
                .extract().jsonPath().getLong("id");
        act(county.token(), leadCall, "arbitration", Map.of("departmentId", lead, "comment", "改主意")).statusCode(409)
                .body("code", equalTo("CALL_NOT_REFUSED"));
        act(decidedAdmin.token(), decidedCall, "refusal", Map.of("comment", "也不是我们的")).statusCode(409)
                .body("code", equalTo("CALL_NOT_REFUSABLE"));

        f.get(decidedHandler.token(), incident).statusCode(200);
        act(decidedAdmin.token(), decidedCall, "report", Map.of("handlerId", supporterHandler.userId())).statusCode(400)
                .body("code", equalTo("HANDLER_INVALID"));
        act(decidedAdmin.token(), decidedCall, "report", Map.of()).statusCode(400).body("code", equalTo("HANDLER_REQUIRED"));
        act(decidedAdmin.token(), decidedCall, "report", Map.of("handlerId", decidedHandler.userId())).statusCode(200)
                .body("status", equalTo("REPORTED")).body("handlerId", equalTo((int) decidedHandler.userId()));
        act(supporterHandler.token(), supportCall, "report", Map.of()).statusCode(200);
        act(supporterHandler.token(), supportCall, "work", Map.of("comment", "已检查周边商户证照")).statusCode(200);
        act(supporterHandler.token(), supportCall, "resolution", Map.of("comment", "我办完了")).statusCode(409)
                .body("code", equalTo("CALL_NOT_LEAD"));
        act(decidedHandler.token(), decidedCall, "resolution", Map.of("comment", "违建已拆除")).statusCode(200)
                .body("status", equalTo("RESOLVED"));

        act(f.adminB.token(), decidedCall, "verification", Map.of("passed", true)).statusCode(404);
        act(f.adminA.token(), decidedCall, "verification", Map.of("passed", false)).statusCode(400)
                .body("code", equalTo("SEND_BACK_REASON_REQUIRED"));
        act(f.adminA.token(), decidedCall, "verification", Map.of("passed", false, "comment", "建筑垃圾未清运"))
                .statusCode(200).body("status", equalTo("REPORTED"));
        act(decidedHandler.token(), decidedCall, "resolution", Map.of("comment", "垃圾已清运")).statusCode(200);
        act(f.adminA.token(), decidedCall, "verification", Map.of("passed", true)).statusCode(200)
                .body("status", equalTo("VERIFIED"));

        List<String> flow = IncidentFixture.flowActions(incident);
        assertEquals(List.of("WHISTLE", "DEPT_REFUSE", "ARBITRATE", "DEPT_REPORT", "DEPT_REPORT", "DEPT_WORK",
                "DEPT_RESOLVE", "DEPT_SEND_BACK", "DEPT_RESOLVE", "DEPT_VERIFY_PASS"), flow.subList(flow.indexOf("WHISTLE"), flow.size()));
        given().auth().oauth2(decidedHandler.token()).when().get("/api/v1/department-calls").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) decidedCall)));
        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/department-calls/by-incident/" + incident).then()
                .statusCode(200).body("status", equalTo(List.of("REASSIGNED", "REPORTED", "VERIFIED")))
                .body("[0].arbitrationComment", containsString("城管局"));
    }

    private static int currentVersion(String categoryCode) {
        List<?> versions = IncidentFixture.rows("SELECT e.version FROM responsibility_entry e JOIN incident_category c "
                + "ON c.id = e.category_id WHERE c.code = $1", categoryCode);
        return versions.isEmpty() ? 0 : ((io.vertx.mutiny.sqlclient.Row) versions.get(0)).getInteger("version");
    }

    private static Map<String, Object> lead(long id) {
        return Map.of("departmentId", id, "role", "LEAD");
    }

    private static Map<String, Object> support(long id) {
        return Map.of("departmentId", id, "role", "SUPPORT");
    }

    private static ValidatableResponse put(String token, String categoryCode, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/responsibilities/" + categoryCode).then();
    }

    private static ValidatableResponse whistle(String token, long incident, Map<String, Object> body) {
        Map<String, Object> withIncident = new java.util.HashMap<>(body);
        withIncident.put("incidentId", incident);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(withIncident)
                .when().post("/api/v1/department-calls").then();
    }

    private static ValidatableResponse act(String token, long call, String step, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/department-calls/" + call + "/" + step).then();
    }
}
