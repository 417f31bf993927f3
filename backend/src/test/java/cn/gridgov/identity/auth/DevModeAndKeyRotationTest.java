package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * WeChat's dev mode (no network: {@code dev:<name>} logs in as {@code dev-<name>}), and a key rotation:
 * tokens of the previous key stay valid while its public key is configured.
 */
@QuarkusTest
@TestProfile(DevModeAndKeyRotationTest.Profile.class)
class DevModeAndKeyRotationTest {

    static final KeyPair PREVIOUS = generate();

    /** Dev mode on, and a previous signing key published beside the current one. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(PREVIOUS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----";
            return Map.of("gridgov.wechat.mode", "dev",
                    "gridgov.jwt.previous-public-key", pem,
                    "gridgov.jwt.previous-key-id", "old-1");
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.Response login(String code) {
        return given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON)
                .body(Map.of("code", code)).when().post("/api/v1/auth/wechat/login");
    }

    @Test
    void devCodeLogsInWithoutWeChat() {
        String name = "alice" + UUID.randomUUID().toString().substring(0, 6);
        long id = login("dev:" + name).then().statusCode(200).body("user.kind", equalTo("RESIDENT"))
                .extract().jsonPath().getLong("user.id");
        assertEquals(id, login("dev:" + name).then().statusCode(200).extract().jsonPath().getLong("user.id"));
        login("not-a-dev-code").then().statusCode(400).body("code", equalTo("WECHAT_CODE_INVALID"));
        login("dev:bad name!").then().statusCode(400).body("code", equalTo("WECHAT_CODE_INVALID"));
    }

    @Test
    void devPhoneCodeBindsThatNumber() {
        String token = login("dev:phone" + UUID.randomUUID().toString().substring(0, 6)).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("code", "dev:13900001111"))
                .when().post("/api/v1/auth/wechat/phone").then().statusCode(200).body("phone", equalTo("139****1111"));
    }

    @Test
    void previousKeyStillVerifiesDuringARotation() {
        given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", containsInAnyOrder("dev-1", "old-1"));
        TestTokens.Resident resident = TestTokens.resident();
        String old = Jwt.issuer("https://gridgov.cn").audience("gridgov-api").subject(Long.toString(resident.userId()))
                .groups(Set.of(Role.RESIDENT)).claim(Caller.TOKEN_VERSION_CLAIM, 0).expiresIn(600).jws().keyId("old-1").sign(PREVIOUS.getPrivate());
        given().auth().oauth2(old).when().get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo((int) resident.userId()));
        // the previous key cannot pose as the current one
        String posing = Jwt.issuer("https://gridgov.cn").audience("gridgov-api").subject(Long.toString(resident.userId()))
                .groups(Set.of(Role.RESIDENT)).claim(Caller.TOKEN_VERSION_CLAIM, 0).expiresIn(600).jws().keyId("dev-1").sign(PREVIOUS.getPrivate());
        given().auth().oauth2(posing).when().get("/api/v1/me").then().statusCode(401);
    }
}
