package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only our own, unexpired, untampered RS256 tokens get in; every refusal is a problem document. */
@QuarkusTest
class TokenSecurityTest {

    private static TestTokens.Resident resident;

    @BeforeAll
    static void user() {
        resident = TestTokens.resident();
    }

    private static void refused(String token) {
        given().auth().oauth2(token).when().get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("TOKEN_INVALID"))
                .body("status", equalTo(401));
    }

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(resident.token()).when().get("/api/v1/me")
                .then().statusCode(200).body("id", equalTo((int) resident.userId()));
    }

    @Test
    void missingTokenIs401Problem() {
        given().when().get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED")).body("detail", equalTo("请先登录"));
        given().header("Accept-Language", "en").when().get("/api/v1/me")
                .then().statusCode(401).body("detail", equalTo("Please log in"));
    }

    @Test
    void expiredTokenIsRefused() {
        long now = System.currentTimeMillis() / 1000;
        refused(Jwt.issuer("https://gridgov.cn").audience("gridgov-api").claim(Caller.TOKEN_VERSION_CLAIM, 0)
                .subject(Long.toString(resident.userId())).groups(Set.of(Role.RESIDENT))
                .issuedAt(now - 7200).expiresAt(now - 3600).jws().keyId("dev-1").sign(devKey()));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        refused(Jwt.issuer("https://gridgov.cn").audience("gridgov-api").claim(Caller.TOKEN_VERSION_CLAIM, 0)
                .subject(Long.toString(resident.userId()))
                .groups(Set.of(Role.RESIDENT)).expiresIn(600).jws().keyId("dev-1").sign(other.getPrivate()));
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        refused(Jwt.issuer("https://evil.example").audience("gridgov-api").claim(Caller.TOKEN_VERSION_CLAIM, 0)
                .subject(Long.toString(resident.userId()))
                .groups(Set.of(Role.RESIDENT)).expiresIn(600).jws().keyId("dev-1").sign(devKey()));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        given().auth().oauth2(token(resident.userId(), 0, "gridgov-api")).when().get("/api/v1/me")
                .then().statusCode(200);
        refused(token(resident.userId(), 0, "other-api"));
        refused(Jwt.issuer("https://gridgov.cn").claim(Caller.TOKEN_VERSION_CLAIM, 0)
                .subject(Long.toString(resident.userId())).groups(Set.of(Role.RESIDENT)).expiresIn(600)
                .jws().keyId("dev-1").sign(devKey()));
    }

    @Test
    void tokenWithoutItsAccountsCurrentVersionIsRefused() {
        refused(token(resident.userId(), 1, "gridgov-api"));
        refused(Jwt.issuer("https://gridgov.cn").audience("gridgov-api").subject(Long.toString(resident.userId()))
                .groups(Set.of(Role.RESIDENT)).expiresIn(600).jws().keyId("dev-1").sign(devKey()));
        // an account that does not exist
        refused(token(resident.userId() + 1_000_000, 0, "gridgov-api"));
    }

    /** A resident token signed with the application's key, for {@code audience} and token version {@code version}. */
    private static String token(long userId, int version, String audience) {
        return Jwt.issuer("https://gridgov.cn").audience(audience).claim(Caller.TOKEN_VERSION_CLAIM, version)
                .subject(Long.toString(userId)).groups(Set.of(Role.RESIDENT)).expiresIn(600)
                .jws().keyId("dev-1").sign(devKey());
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"https://gridgov.cn\",\"aud\":\"gridgov-api\",\"tv\":0,\"sub\":\"" + resident.userId()
                + "\",\"groups\":[\"COUNTY_ADMIN\",\"STAFF\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        refused(header + "." + claims + ".");
        refused(header + "." + claims);
    }

    @Test
    void tamperedTokenIsRefused() {
        String[] parts = resident.token().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"RESIDENT\"", "\"COUNTY_ADMIN\"");
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        refused("garbage");
        refused("a.b.c");
    }

    @Test
    void jwksPublishesTheCurrentKeyWithItsKid() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("keys.kid", hasItem("dev-1"))
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].n", notNullValue()).body("keys[0].e", equalTo("AQAB"))
                .body("keys[0].d", equalTo(null));
        String header = new String(Base64.getUrlDecoder().decode(resident.token().split("\\.")[0]), StandardCharsets.UTF_8);
        assertEquals(true, header.contains("\"kid\":\"dev-1\"") && header.contains("RS256"), header);
    }

    @Test
    void staffTokenCarriesRolesAndScope() {
        RegionFixture.Tree tree = RegionFixture.create();
        TestTokens.Staff staff = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        String claims = new String(Base64.getUrlDecoder().decode(staff.token().split("\\.")[1]), StandardCharsets.UTF_8);
        io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(claims);
        assertEquals(Long.toString(staff.userId()), json.getString("sub"));
        assertEquals("https://gridgov.cn", json.getString("iss"));
        assertEquals("gridgov-api", json.getString("aud"));
        assertEquals(0, json.getInteger("tv"));
        assertEquals(tree.communityA().path(), json.getString("region_path"));
        assertEquals(tree.communityA().id(), json.getLong("region_id"));
        assertEquals(Set.of("COMMUNITY_ADMIN", "STAFF"), Set.copyOf(json.getJsonArray("groups").getList()));
        long lifetime = json.getLong("exp") - json.getLong("iat");
        assertEquals(900, lifetime);
    }

    @Test
    void residentCannotCallStaffEndpoints() {
        given().auth().oauth2(resident.token()).when().get("/api/v1/staff")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(resident.token()).contentType(ContentType.JSON)
                .body(Map.of("username", "x", "password", "12345678", "displayName", "x", "regionId", 1,
                        "roles", java.util.List.of("GRID_WORKER")))
                .when().post("/api/v1/staff").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(resident.token()).when().get("/api/v1/grid-duties/responsible?regionId=1")
                .then().statusCode(403);
    }

    @Test
    void publicEndpointsIgnoreABadToken() {
        given().auth().oauth2("garbage").when().get("/.well-known/jwks.json").then().statusCode(200);
        given().auth().oauth2("garbage").when().get("/q/health/live").then().statusCode(200);
    }

    private static java.security.PrivateKey devKey() {
        return io.quarkus.arc.Arc.container().instance(SigningKeys.class).get().privateKey();
    }
}
