package cn.gridgov.stats;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.department.DepartmentFixture;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.incident.supervision.Supervisor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The three rates (issue 11 §5) from outside: incidents and department calls made through the API in a county of
 * the test's own, the rates compared with counts computed straight from the rows in SQL (written independently of
 * the server's), the scope of both endpoints, and their refusals.
 */
@QuarkusTest
class RatesTest {

    /** Tuesday 2026-03-10, 10:00 in Shanghai. */
    private static final Instant DAY_ONE = Instant.parse("2026-03-10T02:00:00Z");
    private static final String FROM = "2026-03-09";
    private static final String TO = "2026-03-12";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    TestClock clock;

    @Inject
    Supervisor supervisor;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** What one scenario made: the fixture, a lead department and a supporting one, and their staff. */
    private record Scenario(IncidentFixture f, long lead, long support, TestTokens.Staff leadAdmin,
                            TestTokens.Staff leadHandler, TestTokens.Staff supportAdmin, TestTokens.Staff county) {
    }

    /**
     * Community A: one incident handled to the end and rated 5, one rejected, one left reported but whistled to the
     * lead department, which reports on time and resolves. Community B: one left reported and whistled to the lead
     * (with a supporter), one left reported; a month later, after supervision marked them, the lead reports late to
     * B's call and B's second incident is accepted late.
     */
    private Scenario scenario() {
        clock.setTo(DAY_ONE);
        IncidentFixture f = new IncidentFixture();
        long lead = DepartmentFixture.department("县城管局");
        long support = DepartmentFixture.department("县市场监管局");
        TestTokens.Staff leadAdmin = DepartmentFixture.staffOf(lead, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff leadHandler = DepartmentFixture.staffOf(lead, f.tree.county().id(), Role.DEPT_HANDLER);
        TestTokens.Staff supportAdmin = DepartmentFixture.staffOf(support, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);

        long handled = f.reportIn(f.resident.token(), f.tree.compoundA(), "0101");
        long rejected = f.reportIn(f.resident.token(), f.tree.compoundA(), "0102");
        long whistledA = f.reportIn(f.resident.token(), f.tree.compoundA(), "0401");
        long whistledB = f.reportIn(f.otherResident.token(), f.tree.compoundB(), "0101");
        long lateB = f.reportIn(f.otherResident.token(), f.tree.compoundB(), "0401");
        f.act(f.adminA.token(), rejected, "REJECT", Map.of("comment", "重复上报")).statusCode(200);
        f.act(f.adminA.token(), handled, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), handled, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), handled, "START").statusCode(200);
        f.act(f.worker.token(), handled, "RESOLVE", Map.of("comment", "已修复")).statusCode(200);

        long callA = whistle(f.adminA.token(), whistledA, List.of(Map.of("departmentId", lead, "role", "LEAD",
                "reason", "占道经营归城管"))).statusCode(201).extract().jsonPath().getLong("[0].id");
        List<Integer> callsB = whistle(f.adminB.token(), whistledB, List.of(
                Map.of("departmentId", lead, "role", "LEAD", "reason", "违建"),
                Map.of("departmentId", support, "role", "SUPPORT", "reason", "商户证照"))).statusCode(201)
                .extract().path("id");
        clock.setTo(DAY_ONE.plus(Duration.ofMinutes(30)));
        act(leadAdmin.token(), callA, "report", Map.of("handlerId", leadHandler.userId())).statusCode(200);
        act(leadHandler.token(), callA, "resolution", Map.of("comment", "已清理")).statusCode(200)
                .body("status", equalTo("RESOLVED"));

        clock.setTo(DAY_ONE.plus(Duration.ofHours(25)));
        f.act(f.adminA.token(), handled, "VERIFY", Map.of("passed", true)).statusCode(200).body("status", equalTo("CLOSED"));
        f.act(f.resident.token(), handled, "RATE", Map.of("rating", 5)).statusCode(200);

        clock.setTo(DAY_ONE.plus(Duration.ofDays(31)));
        supervisor.runOnce().await().atMost(Duration.ofSeconds(60));
        act(leadAdmin.token(), callsB.get(0), "report", Map.of("handlerId", leadHandler.userId())).statusCode(200);
        f.act(f.adminB.token(), lateB, "ACCEPT").statusCode(200);
        return new Scenario(f, lead, support, leadAdmin, leadHandler, supportAdmin, county);
    }

    @Test
    void theRatesOfATownAndItsCommunitiesAreThoseOfTheirIncidents() {
        Scenario s = scenario();
        IncidentFixture f = s.f();
        JsonPath town = json(rates(f.townAdmin.token(), f.tree.town().id(), FROM, TO));

        assertEquals(f.tree.town().id(), town.getLong("regionId"));
        assertEquals("TOWN", town.getString("level"));
        assertEquals(FROM, town.getString("from"));
        assertEquals(List.of(f.tree.communityA().id(), f.tree.communityB().id()),
                town.getList("children.regionId", Double.class).stream().map(Double::longValue).toList());
        // counted by hand
        assertEquals(5.0, town.getDouble("figures.total"));
        assertEquals(3.0, town.getDouble("children[0].figures.total"));
        assertEquals(2.0, town.getDouble("children[1].figures.total"));
        assertEquals(1.0, town.getDouble("figures.resolved"));
        assertEquals(0.2, town.getDouble("figures.resolutionRate"));
        assertEquals(1.0, town.getDouble("figures.rated"));
        assertEquals(1.0, town.getDouble("figures.satisfactionRate"));
        assertEquals(0.0, town.getDouble("children[1].figures.rated"));
        assertNull(town.get("children[1].figures.satisfactionRate"));
        assertEquals(0.0, town.getDouble("children[1].figures.respondedOnTime"));

        // and every count as the rows give it
        assertRegion(town.getMap("figures"), f.tree.town().path());
        assertRegion(town.getMap("children[0].figures"), f.tree.communityA().path());
        assertRegion(town.getMap("children[1].figures"), f.tree.communityB().path());

        // a community admin's own rates are its community's, the same as the town sees for it
        JsonPath a = json(rates(f.adminA.token(), null, FROM, TO));
        assertEquals(f.tree.communityA().id(), a.getLong("regionId"));
        assertEquals(town.getMap("children[0].figures"), a.getMap("figures"));
        assertEquals(List.of(f.tree.compoundA().id()),
                a.getList("children.regionId", Double.class).stream().map(Double::longValue).toList());

        // the county sees the town as its child with the same figures
        JsonPath county = json(rates(s.county().token(), f.tree.county().id(), FROM, TO));
        assertEquals(town.getMap("figures"),
                county.getMap("children.find { it.regionId == " + f.tree.town().id() + " }.figures"));

        // an empty period answers zeros and null rates
        JsonPath empty = json(rates(f.townAdmin.token(), f.tree.town().id(), "2026-01-01", "2026-01-31"));
        assertEquals(0.0, empty.getDouble("figures.total"));
        assertNull(empty.get("figures.responseRate"));
        assertNull(empty.get("children[0].figures.resolutionRate"));
    }

    @Test
    void theRatesOfDepartmentsAreThoseOfTheirCallsAndJoinTheOverview() {
        Scenario s = scenario();
        IncidentFixture f = s.f();
        JsonPath all = json(departmentRates(s.county().token(), null, FROM, TO));
        Map<String, Object> lead = all.getMap("departments.find { it.departmentId == " + s.lead() + " }.figures");
        Map<String, Object> support = all.getMap("departments.find { it.departmentId == " + s.support() + " }.figures");
        assertNotNull(lead, all.prettify());
        assertNotNull(support, all.prettify());

        // counted by hand: two calls, one reported on time, one late; one resolved on time of two lead calls
        assertEquals(2.0, num(lead, "total"));
        assertEquals(2.0, num(lead, "responded"));
        assertEquals(1.0, num(lead, "respondedOnTime"));
        assertEquals(0.5, num(lead, "responseRate"));
        assertEquals(1.0, num(lead, "respondedShare"));
        assertEquals(2.0, num(lead, "resolvable"));
        assertEquals(1.0, num(lead, "resolved"));
        assertEquals(1.0, num(lead, "resolutionOnTimeShare"));
        assertEquals(1.0, num(support, "total"));
        assertEquals(0.0, num(support, "responded"));
        assertEquals(0.0, num(support, "resolvable"));
        assertNull(num(support, "resolutionRate"));

        // and as the call rows give them
        assertDepartment(lead, s.lead());
        assertDepartment(support, s.support());

        // a department's admin sees its own, the same figures
        JsonPath own = json(departmentRates(s.leadAdmin().token(), null, FROM, TO));
        assertEquals(1, own.getList("departments").size());
        assertEquals(s.lead(), own.getLong("departments[0].departmentId"));
        assertEquals(lead, own.getMap("departments[0].figures"));
        assertEquals(lead, json(departmentRates(s.leadAdmin().token(), s.lead(), FROM, TO)).getMap("departments[0].figures"));
        assertEquals(lead, json(departmentRates(s.county().token(), s.lead(), FROM, TO)).getMap("departments[0].figures"));

        // the overview of the town lists the departments called to its incidents, with the same rates
        JsonPath overview = json(given().auth().oauth2(f.townAdmin.token()).queryParam("regionId", f.tree.town().id())
                .queryParam("from", FROM).queryParam("to", TO).when().get("/api/v1/stats/overview").then());
        assertEquals(List.of(s.lead(), s.support()).stream().sorted().toList(),
                overview.getList("departments.departmentId", Double.class).stream().map(Double::longValue).sorted().toList());
        assertEquals(lead, overview.getMap("departments.find { it.departmentId == " + s.lead() + " }.figures"));
        // community A's overview only has the call made there
        JsonPath a = json(given().auth().oauth2(f.adminA.token()).queryParam("from", FROM).queryParam("to", TO)
                .when().get("/api/v1/stats/overview").then());
        assertEquals(1, a.getList("departments").size());
        assertEquals(1.0, a.getDouble("departments[0].figures.total"));
        assertEquals(1.0, a.getDouble("departments[0].figures.responseRate"));
    }

    @Test
    void theRatesKeepToTheCallersScope() {
        Scenario s = scenario();
        IncidentFixture f = s.f();
        rates(f.adminB.token(), f.tree.communityA().id(), FROM, TO).statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("REGION_NOT_FOUND"))
                .body("detail", containsString("区域不存在或无权访问"));
        rates(f.adminA.token(), f.tree.town().id(), FROM, TO).statusCode(404);
        rates(f.worker.token(), f.tree.communityA().id(), FROM, TO).statusCode(404);
        rates(f.resident.token(), null, FROM, TO).statusCode(403);
        rates(s.leadAdmin().token(), f.tree.county().id(), FROM, TO).statusCode(404);

        departmentRates(s.leadAdmin().token(), s.support(), FROM, TO).statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("DEPARTMENT_NOT_FOUND"));
        departmentRates(s.supportAdmin().token(), s.lead(), FROM, TO).statusCode(404);
        departmentRates(s.supportAdmin().token(), null, FROM, TO).statusCode(200)
                .body("departments", hasSize(1)).body("departments[0].departmentId", equalTo((int) s.support()));
        departmentRates(s.leadHandler().token(), null, FROM, TO).statusCode(403).contentType("application/problem+json");
        departmentRates(f.townAdmin.token(), null, FROM, TO).statusCode(403);
        departmentRates(f.adminA.token(), s.lead(), FROM, TO).statusCode(403);
        departmentRates(f.resident.token(), null, FROM, TO).statusCode(403);
        departmentRates(s.county().token(), 999_999_999L, FROM, TO).statusCode(404)
                .body("code", equalTo("DEPARTMENT_NOT_FOUND"));
    }

    @Test
    void badDatesAndIdsAreRefusedInChinese() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        rates(f.townAdmin.token(), null, "2026-13-01", TO).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("BAD_STATS_DATE")).body("detail", containsString("应为日期"));
        rates(f.townAdmin.token(), null, "2026-03-05", "2026-03-01").statusCode(400)
                .body("code", equalTo("BAD_STATS_PERIOD")).body("detail", containsString("不能晚于"));
        rates(f.townAdmin.token(), null, "2024-01-01", "2026-01-01").statusCode(400)
                .body("code", equalTo("STATS_PERIOD_TOO_LONG"));
        rates(f.townAdmin.token(), "abc", FROM, TO).statusCode(400).body("code", equalTo("BAD_REGIONID"))
                .body("detail", containsString("应为整数"));
        departmentRates(county.token(), null, "03/01/2026", TO).statusCode(400).body("code", equalTo("BAD_STATS_DATE"));
        departmentRates(county.token(), null, TO, FROM).statusCode(400).body("code", equalTo("BAD_STATS_PERIOD"));
        departmentRates(county.token(), "x", FROM, TO).statusCode(400).body("code", equalTo("BAD_DEPARTMENTID"))
                .body("detail", containsString("应为整数"));
    }

    /** Each count of a node's figures as the incident rows give it, in SQL of its own. */
    private static void assertRegion(Map<String, Object> figures, String path) {
        Object[] period = {path, start(), end()};
        String in = "FROM incident i WHERE i.region_path <@ text2ltree($1::text) AND i.reported_at >= $2 AND i.reported_at < $3";
        String responded = "EXISTS (SELECT 1 FROM incident_flow f WHERE f.incident_id = i.id "
                + "AND f.to_status NOT IN ('REPORTED', 'SUSPENDED')";
        int total = IncidentFixture.intValue("SELECT count(*) " + in, period);
        int resolved = IncidentFixture.intValue("SELECT count(*) " + in + " AND i.status = 'CLOSED'", period);
        int rated = IncidentFixture.intValue("SELECT count(*) " + in + " AND i.rating IS NOT NULL", period);
        assertEquals((double) total, num(figures, "total"), path);
        assertEquals((double) total, num(figures, "resolvable"), path);
        assertEquals((double) IncidentFixture.intValue("SELECT count(*) " + in + " AND " + responded + ")", period),
                num(figures, "responded"), path);
        int onTime = IncidentFixture.intValue("SELECT count(*) " + in + " AND " + responded
                + " AND f.at <= i.deadline_at AND NOT EXISTS (SELECT 1 FROM incident_supervision s "
                + "WHERE s.incident_id = i.id AND s.warned_at <= f.at))", period);
        assertEquals((double) onTime, num(figures, "respondedOnTime"), path);
        assertEquals(share(onTime, total), num(figures, "responseRate"), path);
        assertEquals((double) resolved, num(figures, "resolved"), path);
        assertEquals(share(resolved, total), num(figures, "resolutionRate"), path);
        int resolvedOnTime = IncidentFixture.intValue("SELECT count(*) " + in
                + " AND i.status = 'CLOSED' AND i.closed_at <= i.deadline_at", period);
        assertEquals((double) resolvedOnTime, num(figures, "resolvedOnTime"), path);
        assertEquals(share(resolvedOnTime, resolved), num(figures, "resolutionOnTimeShare"), path);
        int satisfied = IncidentFixture.intValue("SELECT count(*) " + in + " AND i.rating IN (4, 5)", period);
        assertEquals((double) rated, num(figures, "rated"), path);
        assertEquals((double) satisfied, num(figures, "satisfied"), path);
        assertEquals(share(satisfied, rated), num(figures, "satisfactionRate"), path);
    }

    /** Each count of a department's figures as its call rows give it. */
    private static void assertDepartment(Map<String, Object> figures, long department) {
        Object[] args = {department, start(), end()};
        String in = "FROM department_call c WHERE c.department_id = $1 AND c.called_at >= $2 AND c.called_at < $3";
        int total = IncidentFixture.intValue("SELECT count(*) " + in, args);
        int onTime = IncidentFixture.intValue("SELECT count(*) " + in + " AND c.reported_at <= c.respond_by", args);
        int resolvable = IncidentFixture.intValue("SELECT count(*) " + in
                + " AND c.role = 'LEAD' AND c.status NOT IN ('REASSIGNED')", args);
        int resolved = IncidentFixture.intValue("SELECT count(*) " + in
                + " AND c.role = 'LEAD' AND c.resolved_at IS NOT NULL AND c.status IN ('RESOLVED', 'VERIFIED')", args);
        int resolvedOnTime = IncidentFixture.intValue("SELECT count(*) " + in
                + " AND c.role = 'LEAD' AND c.status IN ('RESOLVED', 'VERIFIED') AND c.resolved_at <= c.handle_by", args);
        int rated = IncidentFixture.intValue("SELECT count(*) " + in + " AND c.status <> 'REASSIGNED' "
                + "AND (SELECT rating FROM incident WHERE id = c.incident_id) IS NOT NULL", args);
        assertEquals((double) total, num(figures, "total"));
        assertEquals((double) IncidentFixture.intValue("SELECT count(*) " + in + " AND c.reported_at IS NOT NULL", args),
                num(figures, "responded"));
        assertEquals((double) onTime, num(figures, "respondedOnTime"));
        assertEquals(share(onTime, total), num(figures, "responseRate"));
        assertEquals((double) resolvable, num(figures, "resolvable"));
        assertEquals((double) resolved, num(figures, "resolved"));
        assertEquals(share(resolved, resolvable), num(figures, "resolutionRate"));
        assertEquals((double) resolvedOnTime, num(figures, "resolvedOnTime"));
        assertEquals((double) rated, num(figures, "rated"));
    }

    /** A number of a figures map as a double (JSON maps keep integers as integers), null kept. */
    private static Double num(Map<String, Object> figures, String key) {
        Object value = figures.get(key);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    private static Object start() {
        return LocalDate.parse(FROM).atStartOfDay(SHANGHAI).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Object end() {
        return LocalDate.parse(TO).plusDays(1).atStartOfDay(SHANGHAI).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static ValidatableResponse rates(String token, Object regionId, String from, String to) {
        var request = given().auth().oauth2(token).queryParam("from", from).queryParam("to", to);
        if (regionId != null) {
            request.queryParam("regionId", regionId);
        }
        return request.when().get("/api/v1/stats/rates").then();
    }

    private static ValidatableResponse departmentRates(String token, Object departmentId, String from, String to) {
        var request = given().auth().oauth2(token).queryParam("from", from).queryParam("to", to);
        if (departmentId != null) {
            request.queryParam("departmentId", departmentId);
        }
        return request.when().get("/api/v1/stats/department-rates").then();
    }

    private static JsonPath json(ValidatableResponse response) {
        return new JsonPath(response.statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static ValidatableResponse whistle(String token, long incident, List<Map<String, Object>> departments) {
        Map<String, Object> body = new HashMap<>();
        body.put("incidentId", incident);
        body.put("departments", departments);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/department-calls").then();
    }

    private static ValidatableResponse act(String token, long call, String step, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/department-calls/" + call + "/" + step).then();
    }
}
