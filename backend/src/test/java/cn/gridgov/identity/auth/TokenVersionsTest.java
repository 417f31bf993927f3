package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.Await;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token versions held in memory (TokenVersions): used while LISTEN is up, dropped by an announcement from
 * another replica, never held for an account raised on this replica, and not held at all while LISTEN is down.
 */
@QuarkusTest
class TokenVersionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RegionFixture.Tree tree;
    private static TestTokens.Staff townAdmin;

    @Inject
    TokenVersions versions;

    @Inject
    Pool pool;

    @BeforeAll
    static void setUp() {
        tree = RegionFixture.create();
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
    }

    @BeforeEach
    void listenIsUp() {
        Await.until("LISTEN on account_access is up", WAIT, versions::isListening);
    }

    private record Login(long id, String access, String refresh) {
    }

    private static Login login() {
        String name = StaffApi.username();
        StaffApi.createOk(townAdmin.token(), name, tree.communityA().id(), Role.GRID_WORKER);
        var json = StaffApi.login(name, "password-" + name).statusCode(200).extract().jsonPath();
        return new Login(json.getLong("user.id"), json.getString("accessToken"), json.getString("refreshToken"));
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).when().get("/api/v1/me").then();
    }

    private int currentVersion(long id) {
        return pool.preparedQuery("SELECT token_version FROM app_user WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getInteger("token_version");
    }

    @Test
    void aHeldVersionAnswersUntilAnotherReplicaAnnouncesTheRaise() {
        Login login = login();
        int before = currentVersion(login.id());
        // (a read under way while some other announcement arrives is not remembered: asked again then)
        Await.until("the version read is held", WAIT, () -> {
            me(login.access()).statusCode(200);
            return versions.held(login.id()) != null;
        });
        assertEquals(before, versions.held(login.id()));

        // another replica raises the version: the row changes first, the announcement comes at its commit
        pool.preparedQuery("UPDATE app_user SET token_version = token_version + 1 WHERE id = $1")
                .execute(Tuple.of(login.id())).await().atMost(WAIT);
        me(login.access()).statusCode(200); // answered from memory: no read by primary key
        pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(TokenVersions.CHANNEL, Long.toString(login.id())))
                .await().atMost(WAIT);

        Await.until("the announcement drops the held version", WAIT, () -> versions.held(login.id()) == null);
        Await.until("the new version is held", WAIT, () -> {
            me(login.access()).statusCode(401).body("code", equalTo("TOKEN_INVALID"));
            return versions.held(login.id()) != null;
        });
        assertEquals(before + 1, versions.held(login.id()));
    }

    @Test
    void anAccountRaisedOnThisReplicaIsRefusedAtOnceAndNotHeld() {
        Login login = login();
        me(login.access()).statusCode(200);
        given().contentType(ContentType.JSON).body(java.util.Map.of("refreshToken", login.refresh()))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
        // no wait for the announcement: the raise on this replica is enough
        me(login.access()).statusCode(401).body("code", equalTo("TOKEN_INVALID"));
        assertNull(versions.held(login.id()));
    }

    @Test
    void nothingIsHeldWhileListenIsDown() {
        Login login = login();
        versions.notListening();
        try {
            me(login.access()).statusCode(200);
            assertNull(versions.held(login.id()));
            pool.preparedQuery("UPDATE app_user SET token_version = token_version + 1 WHERE id = $1")
                    .execute(Tuple.of(login.id())).await().atMost(WAIT);
            // no announcement, yet refused: the version is read from the database
            me(login.access()).statusCode(401).body("code", equalTo("TOKEN_INVALID"));
            assertNull(versions.held(login.id()));
        } finally {
            versions.listening();
        }
        assertTrue(versions.isListening());
    }
}
