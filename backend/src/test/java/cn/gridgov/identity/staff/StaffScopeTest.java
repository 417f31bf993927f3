package cn.gridgov.identity.staff;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Data scope on staff accounts, tested from the outside: an admin of community A sees and changes only
 * A's subtree; everything of community B answers 404, as if it did not exist.
 */
@QuarkusTest
class StaffScopeTest {

    private static RegionFixture.Tree tree;
    private static TestTokens.Staff adminA;
    private static TestTokens.Staff adminB;
    private static TestTokens.Staff townAdmin;
    private static long staffA;
    private static long staffB;

    /** Once per class, but in {@code @BeforeEach}: REST Assured knows the test port only around each test. */
    @BeforeEach
    void setUp() {
        if (tree != null) {
            return;
        }
        tree = RegionFixture.create();
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
        adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
        staffA = createWithPhone(adminA.token(), tree.compoundA().id(), "13700001111");
        staffB = createWithPhone(adminB.token(), tree.compoundB().id(), "13700002222");
    }

    private static long createWithPhone(String token, long regionId, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", StaffApi.username());
        body.put("password", "password-123");
        body.put("displayName", "网格员");
        body.put("regionId", regionId);
        body.put("roles", List.of(Role.GRID_WORKER));
        body.put("phone", phone);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/staff")
                .then().statusCode(201).body("phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .extract().jsonPath().getLong("id");
    }

    @Test
    void adminOfACannotReadStaffOfB() {
        given().auth().oauth2(adminA.token()).when().get("/api/v1/staff/" + staffA).then().statusCode(200);
        given().auth().oauth2(adminA.token()).when().get("/api/v1/staff/" + staffB)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("STAFF_NOT_FOUND"));
        // and the answer is the same as for an id that does not exist at all
        given().auth().oauth2(adminA.token()).when().get("/api/v1/staff/999999999")
                .then().statusCode(404).body("code", equalTo("STAFF_NOT_FOUND"));
    }

    @Test
    void adminOfAListsOnlyA() {
        List<Integer> ids = given().auth().oauth2(adminA.token()).when().get("/api/v1/staff?limit=200")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertFalse(ids.contains((int) staffB));
        assertFalse(ids.contains((int) adminB.userId()));
        assertEquals(true, ids.contains((int) staffA));
        // filtering by B's node does not help
        given().auth().oauth2(adminA.token()).queryParam("regionId", tree.communityB().id()).when().get("/api/v1/staff")
                .then().statusCode(200).body("items.id", not(hasItem((int) staffB)));
        // the town admin sees both communities
        given().auth().oauth2(townAdmin.token()).queryParam("regionId", tree.town().id()).queryParam("limit", 200)
                .when().get("/api/v1/staff")
                .then().statusCode(200).body("items.id", hasItems((int) staffA, (int) staffB));
    }

    @Test
    void listIsPagedByCursor() {
        Map<String, Object> first = given().auth().oauth2(townAdmin.token()).queryParam("limit", 1)
                .queryParam("regionId", tree.town().id()).when().get("/api/v1/staff")
                .then().statusCode(200).extract().jsonPath().getMap("");
        String cursor = (String) first.get("nextCursor");
        given().auth().oauth2(townAdmin.token()).queryParam("limit", 1).queryParam("cursor", cursor)
                .queryParam("regionId", tree.town().id()).when().get("/api/v1/staff")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].id", not(equalTo(((List<Map<String, Object>>) first.get("items")).get(0).get("id"))));
        given().auth().oauth2(townAdmin.token()).queryParam("limit", 1000).when().get("/api/v1/staff")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(townAdmin.token()).queryParam("cursor", "abc").when().get("/api/v1/staff")
                .then().statusCode(400).body("code", equalTo("BAD_CURSOR"));
    }

    @Test
    void adminOfACannotChangeStaffOfB() {
        given().auth().oauth2(adminA.token()).contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/api/v1/staff/" + staffB).then().statusCode(404);
        given().auth().oauth2(adminA.token()).when().post("/api/v1/staff/" + staffB + "/binding-code")
                .then().statusCode(404);
        given().auth().oauth2(adminB.token()).when().get("/api/v1/staff/" + staffB)
                .then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void adminOfACannotCreateStaffInB() {
        StaffApi.create(adminA.token(), StaffApi.username(), "password-123", tree.compoundB().id(), Role.GRID_WORKER)
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("REGION_NOT_FOUND"));
        // nor above itself
        StaffApi.create(adminA.token(), StaffApi.username(), "password-123", tree.town().id(), Role.GRID_WORKER)
                .statusCode(404).body("code", equalTo("REGION_NOT_FOUND"));
    }

    @Test
    void adminCannotGrantARoleAboveTheirOwn() {
        StaffApi.create(adminA.token(), StaffApi.username(), "password-123", tree.communityA().id(), Role.TOWN_ADMIN)
                .statusCode(403).body("code", equalTo("ROLE_NOT_GRANTABLE"));
        given().auth().oauth2(adminA.token()).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of(Role.COUNTY_ADMIN)))
                .when().patch("/api/v1/staff/" + staffA).then().statusCode(403);
    }

    @Test
    void rolesMustFitTheNodeLevel() {
        StaffApi.create(townAdmin.token(), StaffApi.username(), "password-123", tree.buildingA().id(), Role.GRID_LEADER)
                .statusCode(400).body("code", equalTo("ROLE_LEVEL_MISMATCH"));
        StaffApi.create(townAdmin.token(), StaffApi.username(), "password-123", tree.communityA().id(), "SUPERUSER")
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void gridWorkerCannotCreateStaff() {
        TestTokens.Staff worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
        StaffApi.create(worker.token(), StaffApi.username(), "password-123", tree.buildingA().id(), Role.BUILDING_LEAD)
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(worker.token()).when().get("/api/v1/staff").then().statusCode(403);
    }

    @Test
    void duplicateUsernameIsConflictAndBadBodyIs400() {
        String name = StaffApi.username();
        StaffApi.createOk(adminA.token(), name, tree.compoundA().id(), Role.GRID_WORKER);
        StaffApi.create(adminA.token(), name.toUpperCase(), "password-123", tree.compoundA().id(), Role.GRID_WORKER)
                .statusCode(409).body("code", equalTo("USERNAME_TAKEN"));
        StaffApi.create(adminA.token(), "x", "short", tree.compoundA().id(), Role.GRID_WORKER)
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("username", "password"));
        given().auth().oauth2(adminA.token()).contentType(ContentType.JSON).body("{\"username\":\"abc\",\"regionId\":\"x\"}")
                .when().post("/api/v1/staff").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void phoneIsEncryptedAtRestAndRevealedOnlyInScopeWithAudit() {
        Pool pool = Arc.container().instance(Pool.class).get();
        byte[] stored = pool.preparedQuery("SELECT phone_enc FROM app_user WHERE id = $1").execute(Tuple.of(staffA))
                .map(rows -> rows.iterator().next().getBuffer("phone_enc").getBytes()).await().atMost(Duration.ofSeconds(10));
        assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains("13700001111"));

        given().auth().oauth2(adminA.token()).queryParam("reason", "回访").when().get("/api/v1/staff/" + staffA + "/phone")
                .then().statusCode(200).body("phone", equalTo("13700001111"));
        long audits = pool.preparedQuery("SELECT count(*) AS n FROM pii_reveal_audit WHERE actor_user_id = $1 "
                        + "AND subject_user_id = $2 AND field = 'phone' AND reason = '回访'")
                .execute(Tuple.of(adminA.userId(), staffA))
                .map(rows -> rows.iterator().next().getLong("n")).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, audits);

        given().auth().oauth2(adminA.token()).when().get("/api/v1/staff/" + staffB + "/phone").then().statusCode(404);
        TestTokens.Staff worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
        given().auth().oauth2(worker.token()).when().get("/api/v1/staff/" + staffA + "/phone").then().statusCode(403);
    }
}
