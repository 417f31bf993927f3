package cn.gridgov.department;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A department's admin (DEPT_ADMIN) creates, disables and lists its own department's handlers, by the rules of every
 * staff account (password hashed, phone encrypted, audited, sessions ended on disabling); never another department's
 * (404), never another role (403); county admins keep their power over every department.
 */
@QuarkusTest
class DepartmentStaffAdminTest {

    @Test
    void aDepartmentAdminCreatesListsAndDisablesItsOwnHandlers() {
        IncidentFixture f = new IncidentFixture();
        long department = DepartmentFixture.department("县自然资源局");
        TestTokens.Staff admin = DepartmentFixture.staffOf(department, f.tree.county().id(), Role.DEPT_ADMIN);
        String username = StaffApi.username();

        long handler = create(admin.token(), department, username, List.of("DEPT_HANDLER"), "13800138123").statusCode(201)
                .body("username", equalTo(username)).body("roles", equalTo(List.of("DEPT_HANDLER")))
                .body("departmentId", equalTo((int) department)).body("active", equalTo(true))
                .extract().jsonPath().getLong("id");
        Row stored = IncidentFixture.rows("""
                SELECT u.phone_enc, s.password_hash, s.department_id FROM app_user u JOIN staff_account s ON s.user_id = u.id
                WHERE u.id = $1""", handler).get(0);
        assertNotNull(stored.getBuffer("phone_enc"));
        assertFalse(new String(stored.getBuffer("phone_enc").getBytes(), StandardCharsets.ISO_8859_1).contains("13800138123"),
                "the phone is stored encrypted");
        assertFalse(stored.getString("password_hash").contains("initial-pass-123"));
        assertEquals(1, IncidentFixture.intValue("""
                SELECT count(*)::int FROM staff_audit WHERE target_user_id = $1 AND action = 'STAFF_CREATED'
                AND actor_user_id = $2""", handler, admin.userId()));
        String handlerToken = StaffApi.token(username, "initial-pass-123");
        given().auth().oauth2(handlerToken).when().get("/api/v1/department-calls").then().statusCode(200);

        given().auth().oauth2(admin.token()).when().get("/api/v1/departments/" + department + "/staff").then()
                .statusCode(200).body("id", hasItem((int) handler));

        setActive(admin.token(), department, handler, false).statusCode(200).body("active", equalTo(false));
        StaffApi.login(username, "initial-pass-123").statusCode(403).body("code", equalTo("ACCOUNT_DISABLED"));
        given().auth().oauth2(handlerToken).when().get("/api/v1/department-calls").then().statusCode(401);
        assertEquals(1, IncidentFixture.intValue("""
                SELECT count(*)::int FROM staff_audit WHERE target_user_id = $1 AND action = 'DISABLED'""", handler));
        setActive(admin.token(), department, handler, true).statusCode(200).body("active", equalTo(true));
        StaffApi.login(username, "initial-pass-123").statusCode(200);
    }

    @Test
    void aDepartmentAdminCannotReachAnotherDepartmentNorGrantAnotherRole() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long mine = DepartmentFixture.department("县农业农村局");
        long theirs = DepartmentFixture.department("县教育局");
        TestTokens.Staff admin = DepartmentFixture.staffOf(mine, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff peer = DepartmentFixture.staffOf(mine, f.tree.county().id(), Role.DEPT_ADMIN);
        TestTokens.Staff handler = DepartmentFixture.staffOf(mine, f.tree.county().id(), Role.DEPT_HANDLER);
        TestTokens.Staff theirHandler = DepartmentFixture.staffOf(theirs, f.tree.county().id(), Role.DEPT_HANDLER);

        create(admin.token(), theirs, StaffApi.username(), List.of("DEPT_HANDLER"), null).statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("DEPARTMENT_NOT_FOUND"));
        given().auth().oauth2(admin.token()).when().get("/api/v1/departments/" + theirs + "/staff").then()
                .statusCode(404).body("code", equalTo("DEPARTMENT_NOT_FOUND"));
        setActive(admin.token(), theirs, theirHandler.userId(), false).statusCode(404);
        setActive(admin.token(), mine, theirHandler.userId(), false).statusCode(404)
                .contentType("application/problem+json");
        create(admin.token(), mine, StaffApi.username(), List.of("DEPT_ADMIN"), null).statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("ROLE_NOT_GRANTABLE"));
        create(admin.token(), mine, StaffApi.username(), List.of("COUNTY_ADMIN"), null).statusCode(400)
                .contentType("application/problem+json");
        setActive(admin.token(), mine, peer.userId(), false).statusCode(403).body("code", equalTo("ROLE_NOT_GRANTABLE"));
        Map<String, Object> shortPassword = body(StaffApi.username(), List.of("DEPT_HANDLER"), null);
        shortPassword.put("password", "short");
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(shortPassword)
                .when().post("/api/v1/departments/" + mine + "/staff").then().statusCode(400)
                .contentType("application/problem+json");
        create(handler.token(), mine, StaffApi.username(), List.of("DEPT_HANDLER"), null).statusCode(403);
        create(f.adminA.token(), mine, StaffApi.username(), List.of("DEPT_HANDLER"), null).statusCode(403);
        setActive(handler.token(), mine, handler.userId(), false).statusCode(403);
        given().auth().oauth2(admin.token()).when().get("/api/v1/departments/" + mine + "/staff").then()
                .statusCode(200).body("id", not(hasItem((int) theirHandler.userId())));
        assertEquals(1, IncidentFixture.intValue("SELECT count(*)::int FROM staff_account WHERE user_id = $1 AND active",
                theirHandler.userId()));

        // the county admin keeps the power over every department: its admins too
        create(county.token(), theirs, StaffApi.username(), List.of("DEPT_ADMIN"), null).statusCode(201)
                .body("roles", equalTo(List.of("DEPT_ADMIN")));
        setActive(county.token(), mine, peer.userId(), false).statusCode(200).body("active", equalTo(false));
        setActive(county.token(), theirs, peer.userId(), false).statusCode(404);
        setActive(county.token(), mine, county.userId(), false).statusCode(404);
    }

    private static Map<String, Object> body(String username, List<String> roles, String phone) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", "initial-pass-123",
                "displayName", "经办人", "roles", roles));
        if (phone != null) {
            body.put("phone", phone);
        }
        return body;
    }

    private static ValidatableResponse create(String token, long department, String username, List<String> roles,
                                              String phone) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body(username, roles, phone))
                .when().post("/api/v1/departments/" + department + "/staff").then();
    }

    private static ValidatableResponse setActive(String token, long department, long user, boolean active) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("active", active))
                .when().patch("/api/v1/departments/" + department + "/staff/" + user).then();
    }
}
