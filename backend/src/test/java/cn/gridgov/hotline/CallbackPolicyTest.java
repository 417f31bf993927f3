package cn.gridgov.hotline;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.gridgov.incident.IncidentFixture.intValue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callback URLs are restricted (#11 §4, server-side request forgery): no loopback, private or link-local address
 * (nor a name or number standing for one) when a client is registered or an order names its URL, answered with a
 * clear Chinese problem; and a stored URL the policy refuses at send time is never posted to, nor tried again.
 * (The tests' profile allows http and the stub platform on localhost/127.0.0.1, as configured exceptions.)
 */
@QuarkusTest
class CallbackPolicyTest {

    private static final String ORDERS = "/api/v1/integrations/hotline/orders";
    private static final String CLIENTS = "/api/v1/integrations/hotline/clients";

    @Inject
    HotlineCallbackSender sender;

    @Test
    void aClientWithAnInternalCallbackAddressIsRefusedClearly() {
        IncidentFixture f = new IncidentFixture();
        String county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN).token();
        int clients = intValue("SELECT count(*)::int FROM hotline_client");
        for (String url : List.of("http://10.1.2.3/cb", "https://192.168.1.10/cb", "https://172.16.5.4:8443/cb",
                "https://169.254.169.254/latest/meta-data/", "https://[::1]:8443/cb", "https://[fd00::1]/cb",
                "https://0.0.0.0/cb", "https://2130706433/cb", "https://0x7f000001/cb", "https://localhost.localdomain/cb",
                "https://api.localhost/cb", "https://100.64.1.1/cb")) {
            issue(county, f, url).statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("HOTLINE_CALLBACK_URL_REFUSED"))
                    .body("detail", startsWith("callbackUrl 不被允许："))
                    .body("detail", containsString("公网 https 地址"));
        }
        issue(county, f, "https://10.1.2.3/cb").statusCode(400).body("detail", containsString("本机、内网或链路本地地址"));
        assertEquals(clients, intValue("SELECT count(*)::int FROM hotline_client"), "nothing registered");

        issue(county, f, "https://12345.example.gov.cn/gridgov/callback").statusCode(201);
    }

    @Test
    void anOrderNamingAnInternalCallbackAddressIsRefusedAndStoresNothing() {
        IncidentFixture f = new IncidentFixture();
        String county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN).token();
        String key = issue(county, f, null).statusCode(201).extract().jsonPath().getString("apiKey");
        int orders = intValue("SELECT count(*)::int FROM hotline_order");
        Map<String, Object> order = order(f, "ssrf");
        order.put("callbackUrl", "https://169.254.169.254/latest/meta-data/");
        push(key, order).statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("HOTLINE_CALLBACK_URL_REFUSED"));
        assertEquals(orders, intValue("SELECT count(*)::int FROM hotline_order"));
    }

    @Test
    void aStoredCallbackTheSendTimeCheckRefusesIsNeverPostedNorRetried() {
        IncidentFixture f = new IncidentFixture();
        String county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN).token();
        String key = issue(county, f, "https://12345.example.gov.cn/cb").statusCode(201).extract().jsonPath()
                .getString("apiKey");
        long incident = push(key, order(f, "send")).statusCode(201).extract().jsonPath().getLong("incidentId");
        f.act(f.adminA.token(), incident, "ACCEPT", Map.of()).statusCode(200);
        // as if stored before the rule: an address inside the network
        IncidentFixture.rows("""
                UPDATE hotline_callback c SET url = 'https://10.9.8.7/cb' FROM hotline_order o
                WHERE o.id = c.order_id AND o.incident_id = $1 RETURNING c.id""", incident);
        assertTrue(intValue("""
                SELECT count(*)::int FROM hotline_callback c JOIN hotline_order o ON o.id = c.order_id
                WHERE o.incident_id = $1""", incident) > 0);

        for (int i = 0; i < 3; i++) {
            sender.sendDue().await().atMost(Duration.ofSeconds(60));
        }
        List<Row> rows = IncidentFixture.rows("""
                SELECT c.state, c.attempts, c.last_error FROM hotline_callback c JOIN hotline_order o ON o.id = c.order_id
                WHERE o.incident_id = $1""", incident);
        for (Row r : rows) {
            assertEquals("FAILED", r.getString("state"));
            assertEquals(1, r.getInteger("attempts"), "refused once, never tried again");
            assertTrue(r.getString("last_error").contains("refused"), r.getString("last_error"));
        }
    }

    private static ValidatableResponse issue(String token, IncidentFixture f, String callbackUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "县12345热线（回调地址）");
        body.put("regionId", f.tree.county().id());
        body.put("callbackUrl", callbackUrl);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(CLIENTS).then();
    }

    private static Map<String, Object> order(IncidentFixture f, String suffix) {
        Map<String, Object> body = new HashMap<>();
        body.put("orderNo", "CB" + f.tree.compoundA().id() + "-" + suffix);
        body.put("requestText", "小区东门人行道井盖缺失");
        body.put("lng", f.lng);
        body.put("lat", f.lat);
        body.put("coordType", "wgs84");
        body.put("categoryCode", "0101");
        return body;
    }

    private static ValidatableResponse push(String key, Object body) {
        return given().header("X-Api-Key", key).contentType(ContentType.JSON).body(body).when().post(ORDERS).then();
    }
}
