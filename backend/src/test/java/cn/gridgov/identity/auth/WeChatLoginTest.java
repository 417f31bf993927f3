package cn.gridgov.identity.auth;

import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** WeChat login, phone binding, refresh and logout, as the mini program uses them. */
@QuarkusTest
public class WeChatLoginTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Response wechatLogin(String code) {
        return given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON)
                .body(Map.of("code", code)).when().post("/api/v1/auth/wechat/login");
    }

    @Test
    void newWeChatUserBecomesResidentAndNeverSeesTheSessionKey() {
        String code = unique("c");
        String openid = unique("o");
        WeChatStub.loginOk(code, openid);
        Response r = wechatLogin(code);
        r.then().statusCode(200)
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue())
                .body("expiresIn", equalTo(900))
                .body("user.kind", equalTo("RESIDENT"))
                .body("user.roles", org.hamcrest.Matchers.contains("RESIDENT"));
        assertFalse(r.asString().contains("SECRET-"), "session_key must not reach the client");
        assertFalse(r.asString().contains(openid), "the openid is not needed by the client either");

        given().auth().oauth2(r.jsonPath().getString("accessToken")).when().get("/api/v1/me")
                .then().statusCode(200).body("id", equalTo(r.jsonPath().getInt("user.id")))
                .body("kind", equalTo("RESIDENT"));
    }

    @Test
    void sameOpenidLogsIntoTheSameUser() {
        String openid = unique("o");
        String first = unique("c");
        String second = unique("c");
        WeChatStub.loginOk(first, openid);
        WeChatStub.loginOk(second, openid);
        long id1 = wechatLogin(first).then().statusCode(200).extract().jsonPath().getLong("user.id");
        long id2 = wechatLogin(second).then().statusCode(200).extract().jsonPath().getLong("user.id");
        assertEquals(id1, id2);
    }

    @Test
    void usedLoginCodeAnswersClearProblem() {
        String code = unique("used");
        WeChatStub.loginError(code, 40029);
        wechatLogin(code).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("WECHAT_CODE_INVALID"))
                .body("detail", containsString("重新登录"));
    }

    @Test
    void weChatBusyBeyondRetriesIs503WithRetryAfter() {
        String code = unique("busy");
        WeChatStub.loginError(code, -1);
        wechatLogin(code).then().statusCode(503).header("Retry-After", notNullValue())
                .body("code", equalTo("WECHAT_UNAVAILABLE"));
    }

    @Test
    void phoneNumberIsBoundStoredEncryptedAndShownMasked() {
        String code = unique("c");
        WeChatStub.loginOk(code, unique("o"));
        String token = wechatLogin(code).then().statusCode(200).extract().jsonPath().getString("accessToken");
        String phoneCode = unique("p");
        WeChatStub.phoneOk(phoneCode, "13812341234");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("code", phoneCode))
                .when().post("/api/v1/auth/wechat/phone")
                .then().statusCode(200).body("phone", equalTo("138****1234"));
        given().auth().oauth2(token).when().get("/api/v1/me")
                .then().statusCode(200).body("phone", equalTo("138****1234"));
    }

    @Test
    void phoneBindingNeedsLogin() {
        given().contentType(ContentType.JSON).body(Map.of("code", "x")).when().post("/api/v1/auth/wechat/phone")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeFamily() {
        String code = unique("c");
        WeChatStub.loginOk(code, unique("o"));
        String first = wechatLogin(code).then().statusCode(200).extract().jsonPath().getString("refreshToken");

        Response rotated = refresh(first);
        rotated.then().statusCode(200).body("accessToken", notNullValue());
        String second = rotated.jsonPath().getString("refreshToken");
        assertNotEquals(first, second);

        // someone replays the spent token: refused, and the family (including the new token) is revoked
        refresh(first).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("REFRESH_TOKEN_REUSED"));
        refresh(second).then().statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void logoutEndsTheSession() {
        String code = unique("c");
        WeChatStub.loginOk(code, unique("o"));
        String token = wechatLogin(code).then().statusCode(200).extract().jsonPath().getString("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).when().post("/api/v1/auth/logout")
                .then().statusCode(204);
        refresh(token).then().statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void unknownRefreshTokenIs401Problem() {
        refresh("no-such-token").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void loginsPerOpenidAreLimited() {
        String openid = unique("busy-user");
        int limit = 10;
        for (int i = 0; i < limit; i++) {
            String code = unique("c");
            WeChatStub.loginOk(code, openid);
            wechatLogin(code).then().statusCode(200);
        }
        String code = unique("c");
        WeChatStub.loginOk(code, openid);
        wechatLogin(code).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_ATTEMPTS"));
    }

    @Test
    void loginsPerAddressAreLimited() {
        String address = StaffApi.address();
        String code = unique("addr");
        WeChatStub.loginError(code, 40029);
        int refused = 0;
        for (int i = 0; i < 61; i++) {
            int status = given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                    .body(Map.of("code", code)).when().post("/api/v1/auth/wechat/login").statusCode();
            if (status == 429) {
                refused++;
            }
        }
        assertEquals(1, refused, "the 61st request in a minute is refused");
        // another address is not affected
        given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON)
                .body(Map.of("code", code)).when().post("/api/v1/auth/wechat/login")
                .then().statusCode(400).body("code", not(equalTo("TOO_MANY_ATTEMPTS")));
    }

    @Test
    void malformedLoginBodiesAre400ProblemsNever500() {
        String[] bodies = {
                "", "{", "not json", "[]", "null", "{}", "{\"code\":\"\"}", "{\"code\":\"   \"}",
                "{\"code\":123}", "{\"code\":true}", "{\"code\":{}}", "{\"code\":[\"a\"]}",
                "{\"code\":\"" + "x".repeat(129) + "\"}", "{\"code\":\"ok\",\"extra\":1}",
                "{\"code\":\"" + "y".repeat(100_000) + "\"}"
        };
        for (String body : bodies) {
            given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/auth/wechat/login")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("code", notNullValue());
        }
        for (String path : new String[]{"/api/v1/auth/staff/login", "/api/v1/auth/refresh", "/api/v1/auth/wechat/bind"}) {
            for (String body : new String[]{"", "{", "{}", "{\"username\":1,\"password\":2}", "{\"zzz\":\"a\"}"}) {
                given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON).body(body)
                        .when().post(path).then().statusCode(400).contentType("application/problem+json");
            }
        }
    }

    @Test
    void unknownFieldIsNamedInTheProblem() {
        given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON)
                .body("{\"code\":\"abc\",\"sessionKey\":\"x\"}").when().post("/api/v1/auth/wechat/login")
                .then().statusCode(400).body("code", equalTo("MALFORMED_BODY"))
                .body("errors[0].field", equalTo("sessionKey"));
    }

    @Test
    void wrongContentTypeIs415Problem() {
        given().contentType(ContentType.TEXT).body("code=abc").when().post("/api/v1/auth/wechat/login")
                .then().statusCode(415).contentType("application/problem+json");
    }

    private static Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).when().post("/api/v1/auth/refresh");
    }
}
