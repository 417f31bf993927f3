package cn.gridgov.hotline;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.gridgov.incident.IncidentFixture.intValue;
import static cn.gridgov.incident.IncidentFixture.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 12345 work orders from outside: a platform with a key issued by a county admin pushes orders (idempotent on the
 * order number), they become HOTLINE incidents of the owning community, their state changes are posted back to a
 * real HTTP stub of the platform through the callback outbox (surviving the platform being down), and it polls them.
 */
@QuarkusTest
class HotlineOrderTest {

    private static final String ORDERS = "/api/v1/integrations/hotline/orders";
    private static final String CLIENTS = "/api/v1/integrations/hotline/clients";
    private static final String PHONE = "13812341234";

    private static WireMockServer platform;

    @Inject
    TestClock clock;

    @Inject
    HotlineCallbackSender sender;

    @BeforeAll
    static void startPlatform() {
        platform = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
    }

    @AfterAll
    static void stopPlatform() {
        platform.stop();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    private static TestTokens.Staff countyAdmin(IncidentFixture f) {
        return TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
    }

    /** Issues a client bound to {@code regionId}; answers its key. */
    private static String issue(IncidentFixture f, long regionId, String name, String callbackUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("regionId", regionId);
        body.put("callbackUrl", callbackUrl);
        return given().auth().oauth2(countyAdmin(f).token()).contentType(ContentType.JSON).body(body)
                .when().post(CLIENTS).then().statusCode(201)
                .body("client.regionId", equalTo((int) regionId)).body("client.callbackUrl", equalTo(callbackUrl))
                .body("apiKey", startsWith("hl_")).extract().jsonPath().getString("apiKey");
    }

    /** An order at the fixture's point in compound A; the order number is unique to the fixture's tree. */
    private static Map<String, Object> order(IncidentFixture f, String suffix) {
        Map<String, Object> body = new HashMap<>();
        body.put("orderNo", "GD" + f.tree.compoundA().id() + "-" + suffix);
        body.put("requestText", "小区东门人行道井盖缺失，夜间行人容易踩空");
        body.put("lng", f.lng);
        body.put("lat", f.lat);
        body.put("coordType", "wgs84");
        body.put("categoryCode", "0101");
        body.put("deadline", "2026-03-03T18:00:00+08:00");
        body.put("callerPhone", PHONE);
        return body;
    }

    private static ValidatableResponse push(String key, Object body) {
        return given().header("X-Api-Key", key).contentType(ContentType.JSON).body(body).when().post(ORDERS).then();
    }

    private static ValidatableResponse status(String key, Object orderNo) {
        return given().header("X-Api-Key", key).when().get(ORDERS + "/" + orderNo).then();
    }

    @Test
    void aRepeatedPushMakesOneIncidentAndDifferentContentIsAConflictNamingTheFields() {
        IncidentFixture f = new IncidentFixture();
        String key = issue(f, f.tree.county().id(), "县12345热线（幂等）", null);
        Map<String, Object> order = order(f, "1");

        JsonPath created = push(key, order).statusCode(201)
                .header("Location", containsString(ORDERS + "/" + order.get("orderNo")))
                .body("orderNo", equalTo(order.get("orderNo"))).body("status", equalTo("REPORTED"))
                .body("statusName", equalTo("已上报")).body("callerPhone", equalTo("138****1234"))
                .body("ownerRegionName", equalTo(f.tree.communityA().name()))
                .body("deadline", equalTo("2026-03-03T18:00:00+08:00")).extract().jsonPath();
        long incidentId = created.getLong("incidentId");

        // one incident of source HOTLINE, owned by the community, seen by its staff as any other
        Row incident = rows("SELECT source, owner_region_id, community_id, description FROM incident WHERE id = $1",
                incidentId).get(0);
        assertEquals("HOTLINE", incident.getString("source"));
        assertEquals(f.tree.communityA().id(), incident.getLong("owner_region_id"));
        assertTrue(incident.getString("description").contains("小区东门人行道井盖缺失"));
        f.get(f.adminA.token(), incidentId).statusCode(200).body("source", equalTo("HOTLINE"));

        // the same push again: the same incident, 200, nothing new
        push(key, order).statusCode(200).body("incidentId", equalTo((int) incidentId));
        assertEquals(1, intValue("SELECT count(*)::int FROM hotline_order WHERE order_no = $1", order.get("orderNo")));
        assertEquals(1, intValue("SELECT count(*)::int FROM incident WHERE description LIKE $1",
                "%" + order.get("orderNo") + "%"));

        // different content under the same number: 409 naming the fields, nothing changed
        Map<String, Object> changed = new HashMap<>(order);
        changed.put("requestText", "另一件事");
        changed.put("callerPhone", "13900001111");
        push(key, changed).statusCode(409).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("HOTLINE_ORDER_CONFLICT"))
                .body("differences", equalTo(List.of("requestText", "callerPhone")))
                .body("detail", containsString("诉求内容")).body("detail", containsString("来电人电话"));
        assertEquals(1, intValue("SELECT count(*)::int FROM hotline_order WHERE order_no = $1", order.get("orderNo")));

        // the phone is stored encrypted, never in clear, and read back masked
        Row stored = rows("SELECT caller_phone_enc, caller_phone_mask FROM hotline_order WHERE order_no = $1",
                order.get("orderNo")).get(0);
        assertFalse(new String(stored.getBuffer("caller_phone_enc").getBytes(), StandardCharsets.ISO_8859_1).contains(PHONE));
        status(key, order.get("orderNo")).statusCode(200).body("callerPhone", equalTo("138****1234"))
                .body("incidentId", equalTo((int) incidentId));
    }

    @Test
    void anOrderWithoutCoordinatesIsPlacedByTheRegionNamesInItsAddress() {
        IncidentFixture f = new IncidentFixture();
        String key = issue(f, f.tree.county().id(), "县12345热线（地址）", null);
        Map<String, Object> order = order(f, "addr");
        order.remove("lng");
        order.remove("lat");
        order.remove("coordType");
        order.put("addressText", f.tree.town().name() + f.tree.communityA().name() + f.tree.compoundA().name() + "东门");
        long id = push(key, order).statusCode(201).body("ownerRegionName", equalTo(f.tree.communityA().name()))
                .extract().jsonPath().getLong("incidentId");
        Row placed = rows("SELECT community_id, compound_id FROM incident WHERE id = $1", id).get(0);
        assertEquals(f.tree.communityA().id(), placed.getLong("community_id"));
        assertEquals(f.tree.compoundA().id(), placed.getLong("compound_id"));

        Map<String, Object> vague = new HashMap<>(order);
        vague.put("orderNo", order.get("orderNo") + "v");
        vague.put("addressText", f.tree.town().name() + "某处");
        push(key, vague).statusCode(422).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("HOTLINE_ADDRESS_TOO_VAGUE")).body("detail", containsString(f.tree.town().name()));
        Map<String, Object> unknown = new HashMap<>(order);
        unknown.put("orderNo", order.get("orderNo") + "u");
        unknown.put("addressText", "火星大道甲一号");
        push(key, unknown).statusCode(422).body("code", equalTo("HOTLINE_ADDRESS_UNMATCHED"));
        assertEquals(0, intValue("SELECT count(*)::int FROM hotline_order WHERE order_no IN ($1, $2)",
                vague.get("orderNo"), unknown.get("orderNo")));
    }

    @Test
    void aStateChangeReachesThePlatformWithAnIdempotencyKeyEvenAfterItWasDown() {
        IncidentFixture f = new IncidentFixture();
        String path = "/callback/" + f.tree.compoundA().id();
        String scenario = "down-then-up-" + f.tree.compoundA().id();
        platform.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        platform.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String key = issue(f, f.tree.county().id(), "县12345热线（回调）", platform.baseUrl() + path);
        Map<String, Object> order = order(f, "cb");
        long id = push(key, order).statusCode(201).extract().jsonPath().getLong("incidentId");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of("comment", "已安排社区网格员")).statusCode(200);

        Row queued = callback(id);
        String eventKey = queued.getString("event_key");
        assertEquals("PENDING", queued.getString("state"));

        // the platform answers 503: the callback waits, with a pause, and is not tried again before it
        sender.sendDue().await().atMost(Duration.ofSeconds(30));
        Row afterFirst = callback(id);
        assertEquals("PENDING", afterFirst.getString("state"));
        assertEquals(1, afterFirst.getInteger("attempts"));
        assertTrue(afterFirst.getString("last_error").contains("503"), afterFirst.getString("last_error"));
        sender.sendDue().await().atMost(Duration.ofSeconds(30));
        assertEquals(1, callback(id).getInteger("attempts"));

        // later it is up again: the same event with the same key is delivered
        clock.advance(Duration.ofMinutes(2));
        sender.sendDue().await().atMost(Duration.ofSeconds(30));
        Row delivered = callback(id);
        assertEquals("SENT", delivered.getString("state"));
        assertEquals(2, delivered.getInteger("attempts"));
        assertNotNull(delivered.getValue("sent_at"));

        List<LoggedRequest> received = platform.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertEquals(2, received.size());
        for (LoggedRequest r : received) {
            assertEquals(eventKey, r.getHeader("Idempotency-Key"));
            JsonObject payload = new JsonObject(r.getBodyAsString());
            assertEquals(order.get("orderNo"), payload.getString("orderNo"));
            assertEquals(id, payload.getLong("incidentId"));
            assertEquals(eventKey, payload.getString("eventId"));
            assertEquals("ACCEPT", payload.getString("action"));
            assertEquals("REPORTED", payload.getString("fromStatus"));
            assertEquals("ACCEPTED", payload.getString("status"));
            assertEquals("已受理", payload.getString("statusName"));
            assertEquals("已安排社区网格员", payload.getString("comment"));
            assertTrue(payload.getString("at").endsWith("+08:00"));
        }
        // delivered once is enough: another pass sends nothing more
        clock.advance(Duration.ofHours(2));
        sender.sendDue().await().atMost(Duration.ofSeconds(30));
        assertEquals(2, platform.findAll(postRequestedFor(urlPathEqualTo(path))).size());

        // the platform can also poll
        status(key, order.get("orderNo")).statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("statusName", equalTo("已受理")).body("lastComment", equalTo("已安排社区网格员"));
    }

    @Test
    void twoIdenticalPushesAtOnceMakeOneIncident() throws Exception {
        IncidentFixture f = new IncidentFixture();
        String key = issue(f, f.tree.county().id(), "县12345热线（并发）", null);
        Map<String, Object> order = order(f, "race");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<JsonPath>> answers = two.invokeAll(List.<Callable<JsonPath>>of(
                    () -> push(key, order).extract().jsonPath(), () -> push(key, order).extract().jsonPath()));
            long first = answers.get(0).get().getLong("incidentId");
            assertEquals(first, answers.get(1).get().getLong("incidentId"));
        } finally {
            two.shutdown();
        }
        assertEquals(1, intValue("SELECT count(*)::int FROM hotline_order WHERE order_no = $1", order.get("orderNo")));
        assertEquals(1, intValue("SELECT count(*)::int FROM incident WHERE description LIKE $1",
                "%" + order.get("orderNo") + "%"));
    }

    @Test
    void aCallbackLeftInFlightByAStoppedSenderIsSentAgainWithTheSameKey() {
        IncidentFixture f = new IncidentFixture();
        String path = "/lease/" + f.tree.compoundA().id();
        platform.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String key = issue(f, f.tree.county().id(), "县12345热线（租约）", platform.baseUrl() + path);
        long id = push(key, order(f, "lease")).statusCode(201).extract().jsonPath().getLong("incidentId");
        f.act(f.adminA.token(), id, "REJECT", Map.of("comment", "不属于本社区管辖")).statusCode(200);
        // a sender claimed it and stopped before it could record the outcome
        IncidentFixture.pool().preparedQuery("""
                        UPDATE hotline_callback c SET state = 'SENDING', attempts = 1, claimed_at = now()
                        FROM hotline_order o WHERE o.id = c.order_id AND o.incident_id = $1""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        sender.sendDue().await().atMost(Duration.ofSeconds(30));
        assertEquals("SENDING", callback(id).getString("state"), "within its lease the claim is left alone");

        clock.advance(Duration.ofMinutes(5));
        sender.sendDue().await().atMost(Duration.ofSeconds(30));
        Row delivered = callback(id);
        assertEquals("SENT", delivered.getString("state"));
        assertEquals(2, delivered.getInteger("attempts"));
        List<LoggedRequest> received = platform.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertEquals(1, received.size());
        assertEquals(delivered.getString("event_key"), received.get(0).getHeader("Idempotency-Key"));
        assertEquals("REJECTED", new JsonObject(received.get(0).getBodyAsString()).getString("status"));
    }

    /** The one callback queued for the incident's order. */
    private static Row callback(long incidentId) {
        List<Row> found = rows("""
                SELECT c.event_key, c.state, c.attempts, c.last_error, c.sent_at FROM hotline_callback c
                JOIN hotline_order o ON o.id = c.order_id WHERE o.incident_id = $1""", incidentId);
        assertEquals(1, found.size());
        return found.get(0);
    }

    @Test
    void aClientSeesOnlyItsOwnOrdersAndPushesOnlyInsideItsArea() {
        IncidentFixture f = new IncidentFixture();
        String keyA = issue(f, f.tree.county().id(), "县12345热线（甲）", null);
        String keyB = issue(f, f.tree.communityB().id(), "乙社区对接", null);
        Map<String, Object> order = order(f, "scope");
        push(keyA, order).statusCode(201);

        // another client's order number does not exist for it
        status(keyB, order.get("orderNo")).statusCode(404).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("HOTLINE_ORDER_NOT_FOUND"));
        status(keyA, "GD-NO-SUCH-ORDER").statusCode(404).body("code", equalTo("HOTLINE_ORDER_NOT_FOUND"));

        // a point in community A with community B's key: refused, nothing stored
        Map<String, Object> outside = order(f, "outside");
        int before = intValue("SELECT count(*)::int FROM incident");
        push(keyB, outside).statusCode(403).body("code", equalTo("HOTLINE_OUT_OF_SCOPE"));
        assertEquals(before, intValue("SELECT count(*)::int FROM incident"));

        // no key, a wrong key, a revoked key
        given().contentType(ContentType.JSON).body(order).when().post(ORDERS).then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("HOTLINE_API_KEY_REQUIRED"));
        status("hl_nope", order.get("orderNo")).statusCode(403).body("code", equalTo("HOTLINE_API_KEY_INVALID"));
        String county = countyAdmin(f).token();
        long idB = given().auth().oauth2(county).when().get(CLIENTS).then().statusCode(200)
                .extract().jsonPath().getLong("find { it.name == '乙社区对接' && it.regionId == "
                        + f.tree.communityB().id() + " }.id");
        given().auth().oauth2(county).when().delete(CLIENTS + "/" + idB).then().statusCode(204);
        given().auth().oauth2(county).when().delete(CLIENTS + "/" + idB).then().statusCode(204);
        status(keyB, order.get("orderNo")).statusCode(403).body("code", equalTo("HOTLINE_API_KEY_INVALID"));

        // only county admins manage clients, within their scope
        given().auth().oauth2(f.adminA.token()).when().get(CLIENTS).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(county).when().delete(CLIENTS + "/999999999").then().statusCode(404)
                .body("code", equalTo("HOTLINE_CLIENT_NOT_FOUND"));
        given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "regionId", 999_999_999L)).when().post(CLIENTS)
                .then().statusCode(404).body("code", equalTo("REGION_NOT_FOUND"));
        given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "regionId", f.tree.county().id(), "callbackUrl", "file:///etc/passwd"))
                .when().post(CLIENTS).then().statusCode(400).body("code", equalTo("HOTLINE_BAD_CALLBACK_URL"));
    }

    @Test
    void badPushesAreClearProblemsAndStoreNothing() {
        IncidentFixture f = new IncidentFixture();
        String key = issue(f, f.tree.county().id(), "县12345热线（校验）", null);
        int incidents = intValue("SELECT count(*)::int FROM incident");
        int orders = intValue("SELECT count(*)::int FROM hotline_order");

        Map<String, Object> noNumber = order(f, "x");
        noNumber.remove("orderNo");
        push(key, noNumber).statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("VALIDATION_FAILED"));
        Map<String, Object> badNumber = order(f, "x");
        badNumber.put("orderNo", "GD 1/2");
        push(key, badNumber).statusCode(400).body("code", equalTo("HOTLINE_BAD_ORDER_NO"));
        Map<String, Object> halfPosition = order(f, "half");
        halfPosition.remove("lat");
        push(key, halfPosition).statusCode(400).body("code", equalTo("HOTLINE_PARTIAL_POSITION"));
        Map<String, Object> nowhere = order(f, "nowhere");
        nowhere.remove("lng");
        nowhere.remove("lat");
        push(key, nowhere).statusCode(400).body("code", equalTo("HOTLINE_LOCATION_REQUIRED"));
        Map<String, Object> badType = order(f, "type");
        badType.put("coordType", "bd09");
        push(key, badType).statusCode(400).body("code", equalTo("BAD_COORD_TYPE"));
        Map<String, Object> badPhone = order(f, "phone");
        badPhone.put("callerPhone", "call me");
        push(key, badPhone).statusCode(400).body("code", equalTo("HOTLINE_BAD_PHONE"));
        Map<String, Object> badUrl = order(f, "url");
        badUrl.put("callbackUrl", "ftp://example.cn/x");
        push(key, badUrl).statusCode(400).body("code", equalTo("HOTLINE_BAD_CALLBACK_URL"));
        Map<String, Object> unknownCategory = order(f, "cat");
        unknownCategory.put("categoryCode", "9999");
        push(key, unknownCategory).statusCode(400).contentType(startsWith("application/problem+json"));
        Map<String, Object> outsideCounty = order(f, "sea");
        outsideCounty.put("lng", 0.5);
        outsideCounty.put("lat", 0.5);
        push(key, outsideCounty).statusCode(400).body("code", equalTo("OUTSIDE_COVERAGE"));
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body("{\"orderNo\":").when().post(ORDERS)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));

        assertEquals(incidents, intValue("SELECT count(*)::int FROM incident"));
        assertEquals(orders, intValue("SELECT count(*)::int FROM hotline_order"));
    }
}
