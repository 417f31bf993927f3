package cn.gridgov.common.web;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP layer refuses before an endpoint runs, always as problem+json: bodies over their route's limit
 * (also when sent chunked), over-long URIs and headers, and text with NUL or other control characters.
 */
@QuarkusTest
class RequestLimitsTest {

    private static final AtomicInteger CODES = new AtomicInteger(100);

    @Inject
    Pool db;

    private static String countyAdmin;

    /** A county administrator's token (a real account: tokens of accounts that do not exist are refused). */
    private static String county() {
        if (countyAdmin == null) {
            countyAdmin = TestTokens.staffOn(RegionFixture.testCounty(), Role.COUNTY_ADMIN).token();
        }
        return countyAdmin;
    }

    private static String category(String code, String name) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"handlingLevel\":\"COMMUNITY\","
                + "\"deadlineAmount\":1,\"deadlineUnit\":\"WORKING_DAYS\"}";
    }

    @Test
    void chunkedJsonBodyOverItsLimitIsCutOffWith413AndNothingIsWritten() {
        String code = "N" + CODES.incrementAndGet();
        // a valid body followed by whitespace: without a per-route limit it is read to the 200 MB import limit
        RawHttp.Answer answer = RawHttp.chunked("POST /api/v1/categories HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nAuthorization: Bearer " + county(),
                category(code, "分块上传").getBytes(StandardCharsets.UTF_8), 256 * 1024 + 16 * 1024);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().contains("\"PAYLOAD_TOO_LARGE\""), answer.body());
        assertTrue(answer.body().contains("请求体过大，不能超过 256 KB"), answer.body());
        assertEquals(0L, db.preparedQuery("SELECT count(*) FROM incident_category WHERE code = $1")
                .execute(Tuple.of(code)).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void chunkedJsonBodyWithinItsLimitIsRead() {
        String code = "N" + CODES.incrementAndGet();
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(new java.io.ByteArrayInputStream(category(code, "分块").getBytes(StandardCharsets.UTF_8)))
                .when().post("/api/v1/categories")
                .then().statusCode(201).body("code", equalTo(code));
    }

    @Test
    void nulInAPathIsRefusedWith400() {
        given().urlEncodingEnabled(false).auth().oauth2(county())
                .when().post("/api/v1/categories/%00/activate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CHARACTERS"));
    }

    @Test
    void controlCharacterInAQueryParameterIsRefusedWith400() {
        given().urlEncodingEnabled(false)
                .when().get("/api/v1/categories?includeInactive=false&note=a%00b")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CHARACTERS"));
        given().urlEncodingEnabled(false).header("Accept-Language", "en")
                .when().get("/api/v1/categories?note=%1B")
                .then().statusCode(400).body("detail", equalTo(
                        "The request contains characters that are not allowed (such as NUL or other control characters)"));
    }

    @Test
    void nulOrAnUnpairedSurrogateInAJsonFieldIsRefusedWith400NamingTheField() {
        for (String name : new String[] {"井盖\\u0000破损", "井盖\\uD800破损"}) {
            String code = "N" + CODES.incrementAndGet();
            given().auth().oauth2(county()).contentType(ContentType.JSON).body(category(code, name))
                    .when().post("/api/v1/categories")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("INVALID_CHARACTERS"))
                    .body("errors[0].field", equalTo("name"));
        }
    }

    @Test
    void uriOver4096CharactersIsRefusedWith414ProblemJson() {
        RawHttp.Answer answer = RawHttp.send("GET /api/v1/categories?note=" + "x".repeat(10 * 1024)
                + " HTTP/1.1\r\nHost: localhost");
        assertEquals(414, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().contains("\"URI_TOO_LONG\""), answer.body());
        assertTrue(answer.body().contains("请求地址过长"), answer.body());
    }

    @Test
    void headersOver20KbAreRefusedWith431ProblemJson() {
        RawHttp.Answer answer = RawHttp.send("GET /api/v1/categories HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "x".repeat(30 * 1024));
        assertEquals(431, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().contains("\"HEADERS_TOO_LARGE\""), answer.body());
        assertTrue(answer.body().contains("请求头过大"), answer.body());
    }
}
