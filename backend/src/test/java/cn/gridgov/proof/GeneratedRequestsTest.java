package cn.gridgov.proof;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.region.RegionFixture;
import cn.gridgov.wechat.WeChatStub;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed requests for every operation of the served OpenAPI document, as every kind of caller
 * (anonymous, a resident, a grid worker, a community admin, a county admin): never a 5xx, every error a problem+json
 * document with a code, and the server healthy afterwards. New operations are covered without new code.
 */
@QuarkusTest
class GeneratedRequestsTest {

    /** At least this many requests a run (the floor). */
    static final int AT_LEAST = 2_000;

    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .encodeContentTypeAs("multipart/form-data", ContentType.TEXT)
                    .encodeContentTypeAs("application/geo+json", ContentType.TEXT));

    @Test
    void noGeneratedRequestGetsA5xxAndEveryErrorIsAProblem() {
        JsonObject openapi = new JsonObject(given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        List<HostileRequests.Case> cases = HostileRequests.from(openapi);

        RegionFixture.Tree tree = RegionFixture.create();
        List<Map.Entry<String, String>> callers = List.of(
                Map.entry("resident", TestTokens.resident().token()),
                Map.entry("grid worker", TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER).token()),
                Map.entry("community admin", TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN).token()),
                Map.entry("county admin", TestTokens.staffOn(tree.county(), Role.COUNTY_ADMIN).token()));

        // WeChat answers codes it never issued with errcode 40029 (the stub knows only the codes tests register)
        List<StubMapping> unknownCodes = List.of(
                WeChatStub.server().stubFor(get(urlPathEqualTo("/sns/jscode2session")).atPriority(10)
                        .willReturn(WeChatStub.wechat("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"))),
                WeChatStub.server().stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber")).atPriority(10)
                        .willReturn(WeChatStub.wechat("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"))));
        List<String> failures = new ArrayList<>();
        int sent = 0;
        try {
            for (int i = 0; i < cases.size(); i++) {
                HostileRequests.Case c = cases.get(i);
                // each case as two of the four callers in turn (every case meets every role across its neighbours),
                // and every fifth case anonymously too (refused before anything is parsed)
                List<Map.Entry<String, String>> these = new ArrayList<>(List.of(callers.get(i % 4), callers.get((i + 2) % 4)));
                if (i % 5 == 0) {
                    these.add(Map.entry("anonymous", ""));
                }
                for (Map.Entry<String, String> caller : these) {
                    Response answer = send(c, caller.getValue().isEmpty() ? null : caller.getValue());
                    sent++;
                    String failure = check(c, answer);
                    if (failure != null) {
                        failures.add(caller.getKey() + ": " + c.describe() + " -> " + failure);
                    }
                }
            }
        } finally {
            unknownCodes.forEach(WeChatStub.server()::removeStub);
        }
        System.out.println("GeneratedRequestsTest: " + cases.size() + " cases, " + sent + " requests, "
                + failures.size() + " failures");
        failures.forEach(f -> System.out.println("  FAILED " + abbreviate(f)));
        assertTrue(sent >= AT_LEAST, "only " + sent + " requests generated");
        assertEquals(List.of(), failures.stream().limit(40).toList(),
                failures.size() + " of " + sent + " generated requests failed (each is a one-change case; copy it "
                        + "into a regular test)");
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static Response send(HostileRequests.Case c, String token) {
        RequestSpecification request = given().config(RAW).urlEncodingEnabled(false)
                .header("X-Forwarded-For", StaffApi.address());
        if (token != null) {
            request.auth().oauth2(token);
        }
        c.query().forEach(request::queryParam);
        if (c.body() != null) {
            request.contentType(c.contentType()).body(c.body());
        }
        if (c.method().equals("POST") && c.path().equals("/api/v1/incidents")) {
            request.header("Idempotency-Key", "fuzz-" + c.what().hashCode() + "-" + c.query().hashCode());
        }
        return request.when().request(c.method(), c.path());
    }

    /** Why the answer breaks the rules, or null. */
    private static String check(HostileRequests.Case c, Response answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return status + " " + abbreviate(answer.asString());
        }
        if (status >= 400 && c.path().startsWith("/open311/")) {
            // the open standard's paths answer its own error list (Open311Errors), not problem+json
            return open311Error(answer);
        }
        if (status >= 400) {
            String type = answer.contentType();
            if (type == null || !type.startsWith("application/problem+json")) {
                return status + " not problem+json but " + type + ": " + abbreviate(answer.asString());
            }
            String code = answer.jsonPath().getString("code");
            if (code == null || code.isBlank()) {
                return status + " problem without a code: " + abbreviate(answer.asString());
            }
        }
        return null;
    }

    /** Why an error under /open311/ is not GeoReport v2's error list (JSON or XML, with its code and a description), or null. */
    private static String open311Error(Response answer) {
        int status = answer.statusCode();
        String type = answer.contentType();
        String body = answer.asString();
        if (type != null && type.startsWith("application/json")) {
            Integer code = answer.jsonPath().getObject("[0].code", Integer.class);
            String description = answer.jsonPath().getString("[0].description");
            return code != null && code == status && description != null && !description.isBlank() ? null
                    : status + " not an Open311 error list: " + abbreviate(body);
        }
        if (type != null && type.startsWith("text/xml")) {
            String code = answer.xmlPath().getString("errors.error.code");
            String description = answer.xmlPath().getString("errors.error.description");
            return String.valueOf(status).equals(code) && description != null && !description.isBlank() ? null
                    : status + " not an Open311 error list: " + abbreviate(body);
        }
        return status + " not an Open311 error list but " + type + ": " + abbreviate(body);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
