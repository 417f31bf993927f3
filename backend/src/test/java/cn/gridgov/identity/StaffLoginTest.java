package cn.gridgov.identity;

import cn.gridgov.region.RegionFixture;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff password login, its throttling, and linking WeChat to a staff account. */
@QuarkusTest
class StaffLoginTest {

    private static RegionFixture.Tree tree;
    private static TestTokens.Staff townAdmin;

    @BeforeAll
    static void setUp() {
        tree = RegionFixture.create();
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
    }

    @Test
    void staffLogsInWithPasswordAndGetsRolesAndScope() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.compoundA().id(), Role.GRID_WORKER);

        // usernames are case-insensitive
        String token = StaffApi.login(name.toUpperCase(), "password-" + name).statusCode(200)
                .body("user.kind", equalTo("STAFF"))
                .body("user.roles", containsInAnyOrder("GRID_WORKER"))
                .body("user.region.id", equalTo((int) tree.compoundA().id()))
                .extract().jsonPath().getString("accessToken");
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo((int) id)).body("username", equalTo(name))
                .body("region.level", equalTo("COMPOUND"));
    }

    @Test
    void passwordIsStoredAsSlowSaltedHash() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.communityA().id(), Role.GRID_LEADER);
        String stored = Arc.container().instance(Pool.class).get()
                .preparedQuery("SELECT password_hash FROM staff_account WHERE user_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getString("password_hash")).await().atMost(Duration.ofSeconds(10));
        int iterations = Arc.container().instance(IdentityConfig.class).get().passwordIterations();
        assertTrue(stored.startsWith("pbkdf2-sha256$" + iterations + "$"), stored);
        assertFalse(stored.contains(name));
    }

    @Test
    void wrongPasswordIsSlowedDownThenRefusedWithRetryAfter() {
        String name = StaffApi.username();
        StaffApi.createOk(townAdmin.token(), name, tree.communityA().id(), Role.GRID_LEADER);
        String address = StaffApi.address();
        for (int i = 1; i <= 5; i++) {
            long start = System.nanoTime();
            StaffApi.login(name, "wrong-password", StaffApi.address()).statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("LOGIN_FAILED"));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (i >= 4) {
                assertTrue(millis >= 450L * (i - 3), "failure " + i + " was slowed down, took " + millis + " ms");
            }
        }
        // locked now, even with the right password and from another address
        StaffApi.login(name, "password-" + name, address).statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_ATTEMPTS"));
    }

    @Inject
    IdentityConfig config;

    @Test
    void failuresFromOneAddressAcrossUsernamesAreRefused() {
        String address = StaffApi.address();
        for (int i = 0; i < config.login().maxFailuresPerAddress(); i++) {
            StaffApi.login("nobody-" + UUID.randomUUID(), "whatever", address).statusCode(401);
        }
        StaffApi.login("nobody-" + UUID.randomUUID(), "whatever", address).statusCode(429)
                .header("Retry-After", notNullValue());
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        String unknown = StaffApi.login("nobody-" + UUID.randomUUID(), "whatever").statusCode(401)
                .extract().jsonPath().getString("detail");
        String name = StaffApi.username();
        StaffApi.createOk(townAdmin.token(), name, tree.communityB().id(), Role.GRID_LEADER);
        String wrong = StaffApi.login(name, "not-it").statusCode(401).extract().jsonPath().getString("detail");
        assertEquals(unknown, wrong);
    }

    @Test
    void disabledAccountCannotLogInAndItsSessionsEnd() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.compoundB().id(), Role.GRID_WORKER);
        String refresh = StaffApi.login(name, "password-" + name).statusCode(200)
                .extract().jsonPath().getString("refreshToken");
        given().auth().oauth2(townAdmin.token()).contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/api/v1/staff/" + id).then().statusCode(200).body("active", equalTo(false));
        StaffApi.login(name, "password-" + name).statusCode(403).body("code", equalTo("ACCOUNT_DISABLED"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh)).when().post("/api/v1/auth/refresh")
                .then().statusCode(401);
    }

    @Test
    void staffLinksWeChatWithOneTimeCodeAndThenLogsInThroughTheMiniProgram() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.buildingA().id(), Role.BUILDING_LEAD);
        String staffToken = StaffApi.token(name, "password-" + name);
        String bindingCode = given().auth().oauth2(staffToken).when().post("/api/v1/auth/binding-code")
                .then().statusCode(200).body("expiresAt", endsWith("+08:00")).extract().jsonPath().getString("code");

        // the staff member had used the mini program as a resident before
        String openid = "staff-" + UUID.randomUUID();
        String residentCode = "c-" + UUID.randomUUID();
        WeChatStub.loginOk(residentCode, openid);
        WeChatLoginTest.wechatLogin(residentCode).then().statusCode(200).body("user.kind", equalTo("RESIDENT"));

        String bindCode = "c-" + UUID.randomUUID();
        WeChatStub.loginOk(bindCode, openid);
        given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON)
                .body(Map.of("code", bindCode, "bindingCode", bindingCode.toLowerCase()))
                .when().post("/api/v1/auth/wechat/bind")
                .then().statusCode(200).body("user.id", equalTo((int) id)).body("user.kind", equalTo("STAFF"))
                .body("user.wechatLinked", equalTo(true));

        // from now on a WeChat login is a staff login
        String nextCode = "c-" + UUID.randomUUID();
        WeChatStub.loginOk(nextCode, openid);
        WeChatLoginTest.wechatLogin(nextCode).then().statusCode(200)
                .body("user.id", equalTo((int) id)).body("user.roles", containsInAnyOrder("BUILDING_LEAD"));

        // the code works once
        String again = "c-" + UUID.randomUUID();
        WeChatStub.loginOk(again, "other-" + UUID.randomUUID());
        given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON)
                .body(Map.of("code", again, "bindingCode", bindingCode))
                .when().post("/api/v1/auth/wechat/bind")
                .then().statusCode(400).body("code", equalTo("BINDING_CODE_INVALID"));
    }
}
