package cn.gridgov.identity.staff;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.auth.LoginDelays;
import cn.gridgov.identity.auth.WeChatLoginTest;
import cn.gridgov.region.RegionFixture;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Credentials of staff accounts: a stolen access token alone cannot link a WeChat account or change the
 * password; an admin's password reset leaves no WeChat link or session behind; only admins of strictly higher
 * rank act on another's credentials; and every change is in the county admin's append-only audit log.
 */
@QuarkusTest
class StaffCredentialsTest {

    private static RegionFixture.Tree tree;
    private static TestTokens.Staff countyAdmin;
    private static TestTokens.Staff townAdmin;
    private static TestTokens.Staff communityAdmin;
    private static TestTokens.Staff peerAdmin;

    @Inject
    Pool pool;

    @BeforeEach
    void setUp() {
        if (tree != null) {
            return;
        }
        tree = RegionFixture.create();
        countyAdmin = TestTokens.staffOn(tree.county(), Role.COUNTY_ADMIN);
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
        communityAdmin = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        peerAdmin = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
    }

    @Test
    void aTokenAloneCannotMintABindingCodeForItsAccount() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.compoundA().id(), Role.GRID_WORKER);
        String token = StaffApi.token(name, "password-" + name);
        given().auth().oauth2(token).when().post("/api/v1/auth/binding-code")
                .then().statusCode(415);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/api/v1/auth/binding-code")
                .then().statusCode(400).contentType("application/problem+json");
        ownBindingCode(token, "not-my-password").statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("CURRENT_PASSWORD_WRONG"))
                .body("detail", equalTo("当前密码不正确"));
        ownBindingCode(token, "password-" + name).statusCode(200);
        assertEquals(List.of("BINDING_CODE_ISSUED", "STAFF_CREATED"), actions(id));
    }

    @Test
    void changingOwnPasswordNeedsTheCurrentOneAndEndsEverySession() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.compoundA().id(), Role.GRID_WORKER);
        Map<String, Object> session = StaffApi.login(name, "password-" + name).statusCode(200)
                .extract().jsonPath().getMap("");
        String token = (String) session.get("accessToken");
        changePassword(token, "wrong", "new-password-1").statusCode(403).body("code", equalTo("CURRENT_PASSWORD_WRONG"));
        changePassword(token, "password-" + name, "short").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));

        changePassword(token, "password-" + name, "new-password-1").statusCode(200)
                .body("accessToken", org.hamcrest.Matchers.notNullValue()).body("user.id", equalTo((int) id));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", session.get("refreshToken")))
                .when().post("/api/v1/auth/refresh").then().statusCode(401);
        StaffApi.login(name, "password-" + name).statusCode(401);
        StaffApi.login(name, "new-password-1").statusCode(200);
        assertEquals(List.of("PASSWORD_CHANGED", "STAFF_CREATED"), actions(id));
    }

    @Test
    void aPasswordResetByAnAdminRemovesTheWeChatLinkAndEndsEverySession() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.compoundA().id(), Role.GRID_WORKER);
        String openid = "attacker-" + UUID.randomUUID();
        String refresh = bind(adminBindingCode(townAdmin.token(), id), openid).statusCode(200)
                .body("user.wechatLinked", equalTo(true)).extract().jsonPath().getString("refreshToken");
        // a code minted before the reset must not outlive it either
        String pending = adminBindingCode(townAdmin.token(), id);

        resetPassword(townAdmin.token(), id, "reset-password-1").statusCode(200).body("wechatLinked", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh)).when().post("/api/v1/auth/refresh")
                .then().statusCode(401);
        String code = "c-" + UUID.randomUUID();
        WeChatStub.loginOk(code, openid);
        WeChatLoginTest.wechatLogin(code).then().statusCode(200).body("user.kind", equalTo("RESIDENT"));
        bind(pending, "other-" + UUID.randomUUID()).statusCode(400).body("code", equalTo("BINDING_CODE_INVALID"));

        Map<String, Object> reset = entries(id).get(0);
        assertEquals("PASSWORD_RESET", reset.get("action"));
        assertEquals(Map.of("wechatUnlinked", true, "sessionsEnded", true), reset.get("after"));
    }

    @Test
    void bindingAnotherWeChatEndsTheSessionsOfTheOneBefore() {
        long id = StaffApi.createOk(townAdmin.token(), StaffApi.username(), tree.compoundA().id(), Role.GRID_WORKER);
        String lostPhone = bind(adminBindingCode(townAdmin.token(), id), "lost-" + UUID.randomUUID()).statusCode(200)
                .extract().jsonPath().getString("refreshToken");
        String newPhone = bind(adminBindingCode(townAdmin.token(), id), "new-" + UUID.randomUUID()).statusCode(200)
                .body("user.wechatLinked", equalTo(true)).extract().jsonPath().getString("refreshToken");
        // the WeChat linked before (a lost phone, perhaps) keeps no session; the new one works
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", lostPhone)).when().post("/api/v1/auth/refresh")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", newPhone)).when().post("/api/v1/auth/refresh")
                .then().statusCode(200);
        Map<String, Object> bound = entries(id).get(0);
        assertEquals("WECHAT_BOUND", bound.get("action"));
    }

    @Test
    void anEqualRankAdminCannotResetAPeersPasswordButAHigherOneCan() {
        resetPassword(communityAdmin.token(), peerAdmin.userId(), "taken-over-1").statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("ACCOUNT_NOT_SUBORDINATE"));
        resetPassword(communityAdmin.token(), communityAdmin.userId(), "taken-over-1").statusCode(403)
                .body("code", equalTo("OWN_ACCOUNT_NEEDS_PASSWORD"));
        StaffApi.login(peerAdmin.username(), peerAdmin.password()).statusCode(200);

        resetPassword(townAdmin.token(), peerAdmin.userId(), "reset-by-town-1").statusCode(200);
        StaffApi.login(peerAdmin.username(), "reset-by-town-1").statusCode(200);
    }

    @Test
    void aCommunityAdminCannotBindOrUnbindAnotherAdminButCanTheirWorkers() {
        given().auth().oauth2(communityAdmin.token()).when().post("/api/v1/staff/" + peerAdmin.userId() + "/binding-code")
                .then().statusCode(403).body("code", equalTo("ACCOUNT_NOT_SUBORDINATE"));
        given().auth().oauth2(communityAdmin.token()).when().post("/api/v1/staff/" + communityAdmin.userId() + "/binding-code")
                .then().statusCode(403).body("code", equalTo("OWN_ACCOUNT_NEEDS_PASSWORD"));
        given().auth().oauth2(communityAdmin.token()).when().delete("/api/v1/staff/" + peerAdmin.userId() + "/wechat")
                .then().statusCode(403).body("code", equalTo("ACCOUNT_NOT_SUBORDINATE"));
        // outside the scope it stays "not found"
        given().auth().oauth2(communityAdmin.token()).when().post("/api/v1/staff/" + townAdmin.userId() + "/binding-code")
                .then().statusCode(404);

        long worker = StaffApi.createOk(communityAdmin.token(), StaffApi.username(), tree.compoundA().id(),
                Role.GRID_WORKER);
        assertFalse(adminBindingCode(communityAdmin.token(), worker).isBlank());
    }

    @Test
    void theOwnerWithTheirPasswordAndAHigherAdminCanUnlinkWeChat() {
        String name = StaffApi.username();
        long id = StaffApi.createOk(townAdmin.token(), name, tree.compoundA().id(), Role.GRID_WORKER);
        String token = StaffApi.token(name, "password-" + name);
        String openid = "mine-" + UUID.randomUUID();
        bind(ownBindingCode(token, "password-" + name).statusCode(200).extract().jsonPath().getString("code"), openid)
                .statusCode(200);

        unbind(token, "wrong").statusCode(403).body("code", equalTo("CURRENT_PASSWORD_WRONG"));
        unbind(token, "password-" + name).statusCode(200).body("user.wechatLinked", equalTo(false));
        String code = "c-" + UUID.randomUUID();
        WeChatStub.loginOk(code, openid);
        WeChatLoginTest.wechatLogin(code).then().statusCode(200).body("user.kind", equalTo("RESIDENT"));

        bind(adminBindingCode(townAdmin.token(), id), openid).statusCode(200);
        given().auth().oauth2(townAdmin.token()).when().delete("/api/v1/staff/" + id + "/wechat")
                .then().statusCode(200).body("wechatLinked", equalTo(false));
        assertEquals(List.of("WECHAT_UNBOUND", "WECHAT_BOUND", "BINDING_CODE_ISSUED", "WECHAT_UNBOUND", "WECHAT_BOUND",
                "BINDING_CODE_ISSUED", "STAFF_CREATED"), actions(id));
    }

    @Test
    void eachStaffChangeLeavesOneAuditRowWithTheRightFields() {
        String name = StaffApi.username();
        String address = "172.30.0.9";
        long id = given().auth().oauth2(townAdmin.token()).header("X-Forwarded-For", address)
                .contentType(ContentType.JSON).body(Map.of("username", name, "password", "secret-" + name,
                        "displayName", "张三", "regionId", tree.communityA().id(), "roles", List.of(Role.GRID_WORKER),
                        "phone", "13700009999"))
                .when().post("/api/v1/staff").then().statusCode(201).extract().jsonPath().getLong("id");
        patch(id, Map.of("roles", List.of(Role.GRID_LEADER)), address);
        patch(id, Map.of("active", false), address);
        patch(id, Map.of("active", true), address);
        patch(id, Map.of("displayName", "张三丰"), address);
        patch(id, Map.of("password", "secret-reset-" + name), address);

        List<Map<String, Object>> entries = entries(id);
        assertEquals(List.of("PASSWORD_RESET", "NAME_CHANGED", "ENABLED", "DISABLED", "ROLES_CHANGED", "STAFF_CREATED"),
                entries.stream().map(e -> e.get("action")).toList());
        for (Map<String, Object> e : entries) {
            assertEquals((int) townAdmin.userId(), e.get("actorId"));
            assertEquals(townAdmin.username(), e.get("actorUsername"));
            assertEquals((int) id, e.get("targetId"));
            assertEquals(name, e.get("targetUsername"));
            assertEquals(address, e.get("clientAddress"));
            assertEquals(true, ((String) e.get("at")).endsWith("+08:00"), (String) e.get("at"));
        }
        Map<String, Object> created = entries.get(5);
        assertEquals(Map.of("username", name, "displayName", "张三", "regionId", (int) tree.communityA().id(),
                "roles", List.of(Role.GRID_WORKER), "phoneSet", true), created.get("after"));
        assertEquals(Map.of("roles", List.of(Role.GRID_WORKER)), entries.get(4).get("before"));
        assertEquals(Map.of("roles", List.of(Role.GRID_LEADER)), entries.get(4).get("after"));
        assertEquals(Map.of("active", true), entries.get(3).get("before"));
        assertEquals(Map.of("active", false), entries.get(3).get("after"));
        assertEquals(Map.of("displayName", "张三丰"), entries.get(1).get("after"));
        String log = given().auth().oauth2(countyAdmin.token()).queryParam("targetId", id).when()
                .get("/api/v1/staff/audit").then().extract().asString();
        assertFalse(log.contains("secret-") || log.contains("13700009999"), log);

        // paged by cursor, newest first
        String next = given().auth().oauth2(countyAdmin.token()).queryParam("targetId", id).queryParam("limit", 4)
                .when().get("/api/v1/staff/audit").then().statusCode(200).body("items.size()", equalTo(4))
                .extract().jsonPath().getString("nextCursor");
        given().auth().oauth2(countyAdmin.token()).queryParam("targetId", id).queryParam("limit", 4)
                .queryParam("cursor", next).when().get("/api/v1/staff/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("ROLES_CHANGED", "STAFF_CREATED")))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void onlyTheCountyAdminReadsTheAuditLog() {
        for (TestTokens.Staff other : List.of(townAdmin, communityAdmin)) {
            given().auth().oauth2(other.token()).when().get("/api/v1/staff/audit")
                    .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        }
        given().auth().oauth2(countyAdmin.token()).when().get("/api/v1/staff/audit").then().statusCode(200);
        given().auth().oauth2(countyAdmin.token()).queryParam("cursor", "forged").when().get("/api/v1/staff/audit")
                .then().statusCode(400).body("code", equalTo("BAD_CURSOR"));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAuditRows() {
        long id = StaffApi.createOk(townAdmin.token(), StaffApi.username(), tree.compoundA().id(), Role.GRID_WORKER);
        PgException update = assertThrows(PgException.class, () -> pool
                .preparedQuery("UPDATE staff_audit SET action = 'NOTHING' WHERE target_user_id = $1")
                .execute(Tuple.of(id)).await().indefinitely());
        assertEquals("42501", update.getSqlState());
        assertThrows(PgException.class, () -> pool.preparedQuery("DELETE FROM staff_audit WHERE target_user_id = $1")
                .execute(Tuple.of(id)).await().indefinitely());
        assertEquals(List.of("STAFF_CREATED"), actions(id));
    }

    private static ValidatableResponse ownBindingCode(String token, String password) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPassword", password))
                .when().post("/api/v1/auth/binding-code").then();
    }

    private static ValidatableResponse changePassword(String token, String current, String next) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .when().post("/api/v1/auth/password").then();
    }

    private static ValidatableResponse unbind(String token, String password) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPassword", password))
                .when().post("/api/v1/auth/wechat/unbind").then();
    }

    private static ValidatableResponse resetPassword(String adminToken, long id, String password) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("password", password))
                .when().patch("/api/v1/staff/" + id).then();
    }

    private static void patch(long id, Map<String, Object> body, String address) {
        given().auth().oauth2(townAdmin.token()).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(body).when().patch("/api/v1/staff/" + id).then().statusCode(200);
    }

    private static String adminBindingCode(String adminToken, long id) {
        return given().auth().oauth2(adminToken).when().post("/api/v1/staff/" + id + "/binding-code")
                .then().statusCode(200).extract().jsonPath().getString("code");
    }

    /** Links the WeChat account {@code openid} with {@code bindingCode}, as the mini program does. */
    private static ValidatableResponse bind(String bindingCode, String openid) {
        String code = "c-" + UUID.randomUUID();
        WeChatStub.loginOk(code, openid);
        return given().header("X-Forwarded-For", LoginDelays.address()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "bindingCode", bindingCode)).when().post("/api/v1/auth/wechat/bind").then();
    }

    private static List<Map<String, Object>> entries(long targetId) {
        return given().auth().oauth2(countyAdmin.token()).queryParam("targetId", targetId).queryParam("limit", 200)
                .when().get("/api/v1/staff/audit").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static List<Object> actions(long targetId) {
        return entries(targetId).stream().map(e -> e.get("action")).toList();
    }
}
