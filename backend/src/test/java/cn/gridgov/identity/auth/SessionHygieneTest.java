package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.notify.feed.FeedClient;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Sessions end when they should: a login's refresh family at its absolute lifetime, and an account's access
 * tokens (and its feed connections) at once when it is disabled, its roles change or it logs out.
 */
@QuarkusTest
class SessionHygieneTest {

    private static RegionFixture.Tree tree;
    private static TestTokens.Staff townAdmin;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void setUp() {
        tree = RegionFixture.create();
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A new grid worker's login (on a community): access and refresh token, user id and username. */
    private static Map<String, String> workerLogin() {
        String name = StaffApi.username();
        StaffApi.createOk(townAdmin.token(), name, tree.communityA().id(), Role.GRID_WORKER);
        var json = StaffApi.login(name, "password-" + name).statusCode(200).extract().jsonPath();
        return Map.of("access", json.getString("accessToken"), "refresh", json.getString("refreshToken"),
                "id", Long.toString(json.getLong("user.id")), "username", name);
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).when().get("/api/v1/me").then();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/v1/auth/refresh").then();
    }

    private static void change(String id, Map<String, Object> body) {
        given().auth().oauth2(townAdmin.token()).contentType(ContentType.JSON).body(body)
                .when().patch("/api/v1/staff/" + id).then().statusCode(200);
    }

    private static void refusedAsInvalid(String token) {
        me(token).statusCode(401).contentType("application/problem+json").body("code", equalTo("TOKEN_INVALID"));
    }

    @Test
    void refreshFamilyEndsAtItsAbsoluteLifetimeHoweverOftenRotated() {
        String refresh = workerLogin().get("refresh");
        clock.advance(Duration.ofDays(20));
        String rotated = refresh(refresh).statusCode(200).extract().jsonPath().getString("refreshToken");
        clock.advance(Duration.ofDays(9));
        String again = refresh(rotated).statusCode(200).extract().jsonPath().getString("refreshToken");
        // 30 days after the login: each rotated token alone would still have weeks to live
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        refresh(again).statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void accessTokenStopsWorkingAsSoonAsTheAccountIsDisabled() {
        Map<String, String> login = workerLogin();
        me(login.get("access")).statusCode(200);
        change(login.get("id"), Map.of("active", false));
        refusedAsInvalid(login.get("access"));
    }

    @Test
    void accessTokenStopsWorkingAsSoonAsTheRolesChange() {
        Map<String, String> login = workerLogin();
        me(login.get("access")).statusCode(200);
        change(login.get("id"), Map.of("roles", List.of(Role.GRID_LEADER)));
        refusedAsInvalid(login.get("access"));
        // a new login carries the new roles
        String name = login.get("username");
        me(StaffApi.token(name, "password-" + name)).statusCode(200).body("roles", equalTo(List.of(Role.GRID_LEADER)));
    }

    @Test
    void accessTokenStopsWorkingAtLogoutAndTheRefreshTokenWithIt() {
        Map<String, String> login = workerLogin();
        me(login.get("access")).statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", login.get("refresh")))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
        refusedAsInvalid(login.get("access"));
        refresh(login.get("refresh")).statusCode(401);
    }

    @Test
    void feedConnectionIsClosedWith4401WhenTheAccountIsDisabled() {
        Map<String, String> login = workerLogin();
        try (FeedClient feed = FeedClient.withHeader(FeedClient.feedUri(base.toString(), null), login.get("access"))) {
            feed.awaitPing(Duration.ofSeconds(10));
            change(login.get("id"), Map.of("active", false));
            assertEquals(4401, feed.awaitClose(Duration.ofSeconds(10)));
        }
        // and the token no longer opens one
        assertThrows(RuntimeException.class,
                () -> FeedClient.withHeader(FeedClient.feedUri(base.toString(), null), login.get("access")).close());
    }

    @Test
    void aFeedTicketTradedBeforeTheAccountWasDisabledOpensNothing() {
        Map<String, String> login = workerLogin();
        String ticket = FeedClient.ticket(FeedClient.feedUri(base.toString(), null), login.get("access"));
        change(login.get("id"), Map.of("active", false));
        // the ticket is unused and unexpired, but the token it stands for is no longer current
        assertThrows(RuntimeException.class,
                () -> FeedClient.withTicketValue(FeedClient.feedUri(base.toString(), null), ticket).close());
    }
}
