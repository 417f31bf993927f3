package cn.gridgov.stats;

import cn.gridgov.common.time.TestClock;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.supervision.Supervisor;
import io.quarkus.test.junit.QuarkusTest;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard from outside: incidents made through the API in a town of the test's own, the overview compared with
 * figures computed straight from the incident rows (plain SQL, one figure at a time), its scope, and its refusals.
 */
@QuarkusTest
class StatsOverviewTest {

    /** Tuesday 2026-03-10, 10:00 in Shanghai. */
    private static final Instant DAY_ONE = Instant.parse("2026-03-10T02:00:00Z");
    static final String FROM = "2026-03-09";
    static final String TO = "2026-03-12";

    @Inject
    TestClock clock;

    @Inject
    Supervisor supervisor;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Community A: one incident handled to the end on day two and rated 5, one rejected, one left reported; community B:
     * one reported, one accepted. A month later supervision has marked and pressed on what is still open.
     */
    IncidentFixture townWithIncidents() {
        clock.setTo(DAY_ONE);
        IncidentFixture f = new IncidentFixture();
        long handled = f.reportIn(f.resident.token(), f.tree.compoundA(), "0101");
        long rejected = f.reportIn(f.resident.token(), f.tree.compoundA(), "0102");
        f.reportIn(f.resident.token(), f.tree.compoundA(), "0401");
        f.reportIn(f.otherResident.token(), f.tree.compoundB(), "0101");
        long accepted = f.reportIn(f.otherResident.token(), f.tree.compoundB(), "0401");
        f.act(f.adminA.token(), rejected, "REJECT", Map.of("comment", "重复上报")).statusCode(200);
        f.act(f.adminB.token(), accepted, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), handled, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), handled, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), handled, "START").statusCode(200);
        f.act(f.worker.token(), handled, "RESOLVE", Map.of("comment", "已修复")).statusCode(200);
        clock.setTo(DAY_ONE.plus(Duration.ofHours(25)));
        f.act(f.adminA.token(), handled, "VERIFY", Map.of("passed", true)).statusCode(200)
                .body("status", equalTo("CLOSED"));
        f.act(f.resident.token(), handled, "RATE", Map.of("rating", 5)).statusCode(200);
        clock.setTo(DAY_ONE.plus(Duration.ofDays(31)));
        supervisor.runOnce().await().atMost(Duration.ofSeconds(60));
        return f;
    }

    static ValidatableResponse overview(String token, Object regionId, String from, String to) {
        var request = given().auth().oauth2(token);
        if (regionId != null) {
            request.queryParam("regionId", regionId);
        }
        if (from != null) {
            request.queryParam("from", from);
        }
        if (to != null) {
            request.queryParam("to", to);
        }
        return request.when().get("/api/v1/stats/overview").then();
    }

    static JsonPath json(ValidatableResponse response) {
        return new JsonPath(response.statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void theTownsFiguresAreThoseOfItsIncidentsAndEachCommunityHasItsOwn() {
        IncidentFixture f = townWithIncidents();
        JsonPath town = json(overview(f.townAdmin.token(), f.tree.town().id(), FROM, TO));

        // what the scenario made, counted by hand
        assertEquals(f.tree.town().id(), town.getLong("regionId"));
        assertEquals(5.0, town.getDouble("figures.received"));
        assertEquals(1.0, town.getDouble("figures.byStatus.CLOSED"));
        assertEquals(1.0, town.getDouble("figures.byStatus.REJECTED"));
        assertEquals(5.0, town.getDouble("figures.bySource.RESIDENT"));
        assertEquals(1.0, town.getDouble("figures.closed"));
        assertEquals(5.0, town.getDouble("figures.meanRating"));
        assertEquals(1.0, town.getDouble("figures.satisfiedShare"));
        assertEquals(3.0, town.getDouble("figures.open"));
        // about 25 hours: the mid-point of the 1-hour bucket it falls in (24–25 h or 25–26 h), see V7_93
        double median = town.getDouble("figures.medianHandlingHours");
        assertTrue(median == 24.5 || median == 25.5, town.getString("figures"));
        assertEquals(List.of(f.tree.communityA().id(), f.tree.communityB().id()),
                town.getList("children.regionId", Double.class).stream().map(Double::longValue).toList());
        assertEquals(3.0, town.getDouble("children[0].figures.received"));
        assertEquals(2.0, town.getDouble("children[1].figures.received"));
        assertEquals(List.of("2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"), town.getList("days.day"));
        assertEquals(List.of(0.0, 5.0, 0.0, 0.0), town.getList("days.received", Double.class));
        assertEquals(List.of(0.0, 0.0, 1.0, 0.0), town.getList("days.closed", Double.class));

        // and every figure as the incident rows give it
        assertFigures(town.getMap("figures"), f.tree.town().path());
        assertFigures(town.getMap("children[0].figures"), f.tree.communityA().path());
        assertFigures(town.getMap("children[1].figures"), f.tree.communityB().path());
        assertDays(town, f.tree.town().path());

        // a community admin's own dashboard is its community's, the same as the town sees for it
        JsonPath a = json(overview(f.adminA.token(), null, FROM, TO));
        assertEquals(f.tree.communityA().id(), a.getLong("regionId"));
        assertEquals(town.getMap("children[0].figures"), a.getMap("figures"));
        assertEquals(List.of(f.tree.compoundA().id()),
                a.getList("children.regionId", Double.class).stream().map(Double::longValue).toList());
        assertFigures(a.getMap("children[0].figures"), f.tree.compoundA().path());
    }

    /**
     * Each figure of {@code figures} against plain SQL over the incidents located under {@code path}. The median is
     * compared at the documented resolution (V7_93 stats_handling_bucket: the median of the buckets' mid-points).
     */
    static void assertFigures(Map<String, Object> figures, String path) {
        String sub = " FROM incident i LEFT JOIN incident_supervision s ON s.incident_id = i.id"
                + " WHERE i.region_path <@ text2ltree($1) ";
        String received = sub + " AND i.reported_at >= $2 AND i.reported_at < $3";
        Object[] args = {path, at(FROM), at(LocalDate.parse(TO).plusDays(1).toString())};
        assertEquals(count("SELECT count(*)" + received, args), number(figures, "received"), "received " + path);
        Map<String, Object> byStatus = map(figures, "byStatus");
        for (IncidentStatus status : IncidentStatus.values()) {
            assertEquals(count("SELECT count(*)" + received + " AND i.status = '" + status + "'", args),
                    number(byStatus, status.name()), status + " " + path);
        }
        Map<String, Object> bySource = map(figures, "bySource");
        for (IncidentSource source : IncidentSource.values()) {
            assertEquals(count("SELECT count(*)" + received + " AND i.source = '" + source + "'", args),
                    number(bySource, source.name()), source + " " + path);
        }
        Map<String, Long> categories = new HashMap<>();
        for (Row r : IncidentFixture.rows("SELECT c.code, count(*) AS n" + received.replace(" WHERE",
                " JOIN incident_category c ON c.id = i.category_id WHERE") + " GROUP BY c.code", args)) {
            categories.put(r.getString("code"), r.getLong("n"));
        }
        Map<String, Long> answered = new HashMap<>();
        for (Object o : (List<?>) figures.get("byCategory")) {
            Map<?, ?> c = (Map<?, ?>) o;
            answered.put((String) c.get("code"), ((Number) c.get("count")).longValue());
        }
        assertEquals(categories, answered, "byCategory " + path);
        long closed = count("SELECT count(*)" + received + " AND i.status = 'CLOSED'", args);
        long onTime = count("SELECT count(*)" + received + " AND i.status = 'CLOSED' AND i.closed_at <= i.deadline_at", args);
        assertEquals(closed, number(figures, "closed"), "closed " + path);
        assertEquals(onTime, number(figures, "closedOnTime"), "closedOnTime " + path);
        assertClose(closed == 0 ? null : onTime / (double) closed, figures.get("onTimeRate"), 0.0001, "onTimeRate");
        List<Double> hours = new ArrayList<>();
        for (Row r : IncidentFixture.rows("SELECT extract(epoch FROM i.closed_at - i.reported_at)::float8 / 3600 AS h"
                + received + " AND i.status = 'CLOSED' ORDER BY 1", args)) {
            hours.add(r.getDouble("h"));
        }
        assertClose(hours.isEmpty() ? null : hours.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                figures.get("meanHandlingHours"), 0.006, "meanHandlingHours " + path);
        List<Row> median = IncidentFixture.rows("SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY"
                + " stats_handling_bucket(extract(epoch FROM i.closed_at - i.reported_at))) / 3600)::float8 AS h"
                + received + " AND i.status = 'CLOSED'", args);
        assertClose(median.get(0).getDouble("h"), figures.get("medianHandlingHours"), 0.006,
                "medianHandlingHours " + path);
        if (!hours.isEmpty()) { // and off by at most half a bucket from the exact one (buckets of 15 min, 1 h, 6 h)
            double longest = hours.get(hours.size() - 1);
            assertClose(median(hours), figures.get("medianHandlingHours"), longest < 24 ? 0.13 : longest < 168 ? 0.51 : 3.01,
                    "exact medianHandlingHours " + path);
        }
        long rated = count("SELECT count(*)" + received + " AND i.rating IS NOT NULL", args);
        long satisfied = count("SELECT count(*)" + received + " AND i.rating >= 4", args);
        long stars = count("SELECT COALESCE(sum(i.rating), 0)" + received, args);
        assertEquals(rated, number(figures, "rated"), "rated " + path);
        assertClose(rated == 0 ? null : stars / (double) rated, figures.get("meanRating"), 0.006, "meanRating");
        assertClose(rated == 0 ? null : satisfied / (double) rated, figures.get("satisfiedShare"), 0.0001, "satisfiedShare");
        String open = sub + " AND i.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED')";
        assertEquals(count("SELECT count(*)" + open, path), number(figures, "open"), "open " + path);
        assertEquals(count("SELECT count(*)" + open + " AND s.warned_at IS NOT NULL AND s.overdue_at IS NULL", path),
                number(figures, "yellow"), "yellow " + path);
        assertEquals(count("SELECT count(*)" + open + " AND s.overdue_at IS NOT NULL", path), number(figures, "red"),
                "red " + path);
        assertEquals(count("SELECT count(*)" + open + " AND EXISTS (SELECT 1 FROM incident_flow w"
                        + " WHERE w.incident_id = i.id AND w.action = 'SUPERVISE')", path),
                number(figures, "supervised"), "supervised " + path);
    }

    static void assertDays(JsonPath overview, String path) {
        List<Map<String, Object>> days = overview.getList("days");
        for (Map<String, Object> day : days) {
            String d = (String) day.get("day");
            Object[] args = {path, at(d), at(LocalDate.parse(d).plusDays(1).toString())};
            assertEquals(count("SELECT count(*) FROM incident i WHERE i.region_path <@ text2ltree($1)"
                    + " AND i.reported_at >= $2 AND i.reported_at < $3", args), number(day, "received"), "received " + d);
            assertEquals(count("SELECT count(*) FROM incident i WHERE i.region_path <@ text2ltree($1)"
                    + " AND i.status = 'CLOSED' AND i.closed_at >= $2 AND i.closed_at < $3", args), number(day, "closed"),
                    "closed " + d);
        }
    }

    @Test
    void theFiguresShowSupervisionOfWhatIsStillOpen() {
        IncidentFixture f = townWithIncidents();
        JsonPath town = json(overview(f.townAdmin.token(), f.tree.town().id(), FROM, TO));
        // a month on, every open incident is past its deadline: red, and pressed on from above
        assertEquals(3.0, town.getDouble("figures.red"), town.getString("figures"));
        assertEquals(0.0, town.getDouble("figures.yellow"));
        assertTrue(town.getDouble("figures.supervised") >= 1.0, town.getString("figures"));
        assertEquals(1.0, town.getDouble("figures.closed"));
    }

    @Test
    void aPeriodWithoutIncidentsHasZerosAndNoRates() {
        IncidentFixture f = townWithIncidents();
        JsonPath town = json(overview(f.townAdmin.token(), f.tree.town().id(), "2025-01-01", "2025-01-02"));
        assertEquals(0.0, town.getDouble("figures.received"));
        assertNull(town.get("figures.onTimeRate"));
        assertNull(town.get("figures.meanHandlingHours"));
        assertNull(town.get("figures.meanRating"));
        assertEquals(0.0, town.getDouble("figures.byStatus.CLOSED"));
        assertEquals(3.0, town.getDouble("figures.open"), "the backlog counts whatever the period");
        assertEquals(List.of(0.0, 0.0), town.getList("days.received", Double.class));
        assertEquals(2, town.getList("children").size());
    }

    @Test
    void byDefaultTheLastThirtyDaysUpToTodayInShanghai() {
        IncidentFixture f = new IncidentFixture();
        clock.setTo(Instant.parse("2026-03-10T17:00:00Z")); // already 11 March in Shanghai
        JsonPath a = json(overview(f.adminA.token(), null, null, null));
        assertEquals("2026-02-10", a.getString("from"));
        assertEquals("2026-03-11", a.getString("to"));
        assertEquals(30, a.getList("days").size());
        JsonPath onlyTo = json(overview(f.adminA.token(), null, null, "2026-01-31"));
        assertEquals("2026-01-02", onlyTo.getString("from"));
    }

    @Test
    void anotherCommunitysAdminAndTheCommunityAboveTheirOwnLookAbsent() {
        IncidentFixture f = new IncidentFixture();
        overview(f.adminB.token(), f.tree.communityA().id(), FROM, TO).statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("REGION_NOT_FOUND"));
        overview(f.adminA.token(), f.tree.town().id(), FROM, TO).statusCode(404).body("code", equalTo("REGION_NOT_FOUND"));
        overview(f.adminA.token(), f.tree.compoundB().id(), FROM, TO).statusCode(404);
        overview(f.adminA.token(), Long.MAX_VALUE, FROM, TO).statusCode(404).body("code", equalTo("REGION_NOT_FOUND"));
        overview(f.worker.token(), f.tree.compoundA().id(), FROM, TO).statusCode(200)
                .body("regionId", equalTo((int) f.tree.compoundA().id()));
        overview(f.resident.token(), f.tree.communityA().id(), FROM, TO).statusCode(403);
        given().when().get("/api/v1/stats/overview").then().statusCode(401);
    }

    @Test
    void badDatesAndIdsAreRefusedInChinese() {
        IncidentFixture f = new IncidentFixture();
        String token = f.adminA.token();
        overview(token, null, "2026-13-01", TO).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("BAD_STATS_DATE")).body("detail", containsString("日期"));
        overview(token, null, FROM, "昨天").statusCode(400).body("code", equalTo("BAD_STATS_DATE"));
        overview(token, null, "2026-03-05", "2026-03-01").statusCode(400).body("code", equalTo("BAD_STATS_PERIOD"))
                .body("detail", containsString("不能晚于"));
        overview(token, null, "2025-01-01", "2026-01-02").statusCode(400).body("code", equalTo("STATS_PERIOD_TOO_LONG"))
                .body("detail", containsString("366"));
        overview(token, null, "2025-01-02", "2026-01-02").statusCode(200).body("days", hasSize(366));
        overview(token, "abc", FROM, TO).statusCode(400).body("code", equalTo("BAD_REGIONID"));
        given().auth().oauth2(token).header("Accept-Language", "en").queryParam("from", "x")
                .when().get("/api/v1/stats/overview").then().statusCode(400)
                .body("detail", containsString("YYYY-MM-DD"));
    }

    static Object at(String day) {
        return LocalDate.parse(day).atStartOfDay(cn.gridgov.common.time.ApiTime.ZONE).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static long count(String sql, Object... args) {
        return ((Number) IncidentFixture.rows(sql, args).get(0).getValue(0)).longValue();
    }

    private static long number(Map<String, Object> map, String key) {
        Object v = map.get(key);
        assertNotNull(v, key);
        return ((Number) v).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    private static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void assertClose(Double expected, Object actual, double tolerance, String what) {
        if (expected == null) {
            assertNull(actual, what);
            return;
        }
        assertNotNull(actual, what);
        assertEquals(expected, ((Number) actual).doubleValue(), tolerance, what);
    }
}
