package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.IdentityConfig;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.region.RegionFixture;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff password login, its growing delays (never a lockout), and linking WeChat to a staff account. */
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

    @Inject
    IdentityConfig config;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void afterTheFreeFailuresEachAttemptWaitsAGrowingDelayUncheckedThenTheRightPasswordGetsIn() {
        String name = StaffApi.username();
        StaffApi.createOk(townAdmin.token(), name, tree.communityA().id(), Role.GRID_LEADER);
        clock.freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long first = config.login().accountFirstDelay().toSeconds();
        double throttledBefore = LoginDelays.throttled("account");
        for (int i = 0; i < config.login().accountFreeFailures(); i++) {
            StaffApi.login(name, "wrong-password", LoginDelays.address()).statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("LOGIN_FAILED"));
        }
        // within the delay even the right password is not checked, from any address
        StaffApi.login(name, "password-" + name, LoginDelays.address()).statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo(Long.toString(first)))
                .body("code", equalTo("LOGIN_DELAYED"))
                .body("detail", equalTo("该账号密码错误次数较多，为保护账号安全，请 " + first + " 秒后再试（本次未核对密码）"));
        assertEquals(throttledBefore + 1, LoginDelays.throttled("account"));

        // after the delay a guess is checked again, and the next delay is twice as long
        clock.advance(Duration.ofSeconds(first));
        StaffApi.login(name, "wrong-password", LoginDelays.address()).statusCode(401);
        StaffApi.login(name, "password-" + name, LoginDelays.address()).statusCode(429)
                .header("Retry-After", equalTo(Long.toString(2 * first)));
        clock.advance(Duration.ofSeconds(2 * first));
        StaffApi.login(name, "password-" + name, LoginDelays.address()).statusCode(200);
        // a success forgets the account's failures
        StaffApi.login(name, "wrong-password", LoginDelays.address()).statusCode(401);
        StaffApi.login(name, "password-" + name, LoginDelays.address()).statusCode(200);
    }

    @Test
    void guessingOneAccountFromManyAddressesIsBoundedToAFewHundredADay() {
        String name = StaffApi.username();
        StaffApi.createOk(townAdmin.token(), name, tree.communityA().id(), Role.GRID_LEADER);
        int bound = LoginDelays.guessesPerDay(config.login().accountFreeFailures(),
                config.login().accountFirstDelay(), config.login().accountMaxDelay());
        assertTrue(bound <= 300, "the configured schedule allows " + bound + " guesses a day");

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.freezeAt(start);
        int checked = 0;
        // the best an attacker can do: guess the moment each delay ends, never from the same address twice
        while (clock.instant().isBefore(start.plus(Duration.ofDays(1)))) {
            ExtractableResponse<Response> answer = StaffApi.login(name, "guess-" + checked, LoginDelays.address())
                    .extract();
            if (answer.statusCode() == 401) {
                checked++;
            } else {
                assertEquals(429, answer.statusCode());
                clock.advance(Duration.ofSeconds(Long.parseLong(answer.header("Retry-After"))));
            }
        }
        assertEquals(bound, checked);
        // and the owner is never locked out: at the end of the current delay the right password gets in
        ExtractableResponse<Response> owner = StaffApi.login(name, "password-" + name, LoginDelays.address()).extract();
        if (owner.statusCode() == 429) {
            clock.advance(Duration.ofSeconds(Long.parseLong(owner.header("Retry-After"))));
            owner = StaffApi.login(name, "password-" + name, LoginDelays.address()).extract();
        }
        assertEquals(200, owner.statusCode());
    }

    @Test
    void failuresFromOneAddressDelayThatAddressBrieflyNotOthers() {
        String name = StaffApi.username();
        StaffApi.createOk(townAdmin.token(), name, tree.communityB().id(), Role.GRID_LEADER);
        clock.freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String office = LoginDelays.address();
        double throttledBefore = LoginDelays.throttled("address");
        for (int i = 0; i < config.login().addressFreeFailures(); i++) {
            StaffApi.login("nobody-" + UUID.randomUUID(), "whatever", office).statusCode(401);
        }
        long first = config.login().addressFirstDelay().toSeconds();
        StaffApi.login(name, "password-" + name, office).statusCode(429)
                .header("Retry-After", equalTo(Long.toString(first)))
                .body("code", equalTo("LOGIN_DELAYED_ADDRESS"));
        assertEquals(throttledBefore + 1, LoginDelays.throttled("address"));
        // the account itself is not delayed: from elsewhere it logs in
        StaffApi.login(name, "password-" + name, LoginDelays.address()).statusCode(200);
        // and the office gets in again once the short delay is over
        clock.advance(Duration.ofSeconds(first));
        StaffApi.login(name, "password-" + name, office).statusCode(200);
        assertTrue(config.login().addressMaxDelay().compareTo(Duration.ofMinutes(1)) <= 0,
                "an address waits at most a minute");
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
        String bindingCode = given().auth().oauth2(staffToken).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "password-" + name)).when().post("/api/v1/auth/binding-code")
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
