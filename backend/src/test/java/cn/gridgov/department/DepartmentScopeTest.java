package cn.gridgov.department;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.incident.Visibility;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Departments and their staff from outside: county admins maintain them, staff read them, and department staff see
 * exactly the incidents their department has been called to, anywhere in the county, and nothing else.
 */
@QuarkusTest
class DepartmentScopeTest {

    @Test
    void countyAdminsMaintainDepartmentsAndEveryStaffMemberReadsThem() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        String code = DepartmentFixture.code();
        long id = given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "县住建局", "kind", "DEPARTMENT"))
                .when().post("/api/v1/departments").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/departments/"
                        + DepartmentFixture.idOf(code)))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/departments/" + id).then().statusCode(200)
                .body("code", equalTo(code)).body("name", equalTo("县住建局")).body("version", equalTo(0));
        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/departments").then().statusCode(200)
                .body("code", hasItem(code));

        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "重复", "kind", "DEPARTMENT"))
                .when().post("/api/v1/departments").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("DEPARTMENT_CODE_TAKEN"));
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("code", DepartmentFixture.code(), "name", "派出所", "kind", "STATION"))
                .when().post("/api/v1/departments").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("DEPARTMENT_TOWN_INVALID"))
                .body("detail", startsWith("站所"));
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("code", DepartmentFixture.code(), "name", "派出所", "kind", "STATION",
                        "townId", f.tree.communityA().id()))
                .when().post("/api/v1/departments").then().statusCode(400).body("code", equalTo("DEPARTMENT_TOWN_INVALID"));
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("code", DepartmentFixture.code(), "name", "城关派出所", "kind", "STATION",
                        "townId", f.tree.town().id()))
                .when().post("/api/v1/departments").then().statusCode(201).body("townId", equalTo((int) f.tree.town().id()));
        given().auth().oauth2(county.token()).contentType(ContentType.JSON).body("{\"name\":\"x\",\"kind\":\"NOPE\"}")
                .when().post("/api/v1/departments").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "县住房和城乡建设局", "kind", "DEPARTMENT", "version", 0))
                .when().put("/api/v1/departments/" + id).then().statusCode(200)
                .body("name", equalTo("县住房和城乡建设局")).body("version", equalTo(1));
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "旧版本", "kind", "DEPARTMENT", "version", 0))
                .when().put("/api/v1/departments/" + id).then().statusCode(409).body("code", equalTo("STALE_VERSION"));
        given().auth().oauth2(county.token()).when().get("/api/v1/departments/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("DEPARTMENT_NOT_FOUND"));
    }

    @Test
    void departmentStaffLogInBoundToTheirDepartmentAndSeeOnlyWhatItWasCalledTo() {
        IncidentFixture f = new IncidentFixture();
        IncidentFixture elsewhere = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long department = DepartmentFixture.department("县城管局");
        long otherDepartment = DepartmentFixture.department("县市场监管局");
        String username = StaffApi.username();
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "password-" + username, "displayName", "王工",
                        "roles", List.of("DEPT_HANDLER")))
                .when().post("/api/v1/departments/" + department + "/staff").then().statusCode(201)
                .body("departmentId", equalTo((int) department)).body("roles", equalTo(List.of("DEPT_HANDLER")));
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("username", StaffApi.username(), "password", "password-123456", "displayName", "错角色",
                        "roles", List.of("GRID_WORKER")))
                .when().post("/api/v1/departments/" + department + "/staff").then().statusCode(400)
                .contentType("application/problem+json");
        String token = given().header("X-Forwarded-For", StaffApi.address()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "password-" + username))
                .when().post("/api/v1/auth/staff/login").then().statusCode(200)
                .body("accessToken", notNullValue()).extract().path("accessToken");

        long called = f.reported("0101");
        long notCalled = f.reported("0102");
        long calledElsewhere = elsewhere.reported("0202");
        long calledToOther = elsewhere.reported("0101");
        DepartmentFixture.called(called, department, f.adminA.userId(), f.tree.communityA().id());
        DepartmentFixture.called(calledElsewhere, department, elsewhere.townAdmin.userId(), elsewhere.tree.town().id());
        DepartmentFixture.called(calledToOther, otherDepartment, elsewhere.adminA.userId(),
                elsewhere.tree.communityA().id());

        f.get(token, called).statusCode(200).body("id", equalTo((int) called));
        f.get(token, calledElsewhere).statusCode(200);
        f.get(token, notCalled).statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("INCIDENT_NOT_FOUND"));
        f.get(token, calledToOther).statusCode(404);
        List<Integer> listed = given().auth().oauth2(token).when().get("/api/v1/incidents?limit=200").then()
                .statusCode(200).body("items.id", not(hasItem((int) notCalled))).extract().path("items.id");
        assertEquals(List.of(true, true), List.of(listed.contains((int) called), listed.contains((int) calledElsewhere)));
        assertEquals(2, listed.size(), "exactly the incidents called to the department: " + listed);

        TestTokens.Staff otherAdmin = DepartmentFixture.staffOf(otherDepartment, f.tree.county().id(), Role.DEPT_ADMIN);
        given().auth().oauth2(otherAdmin.token()).when().get("/api/v1/departments/" + department + "/staff")
                .then().statusCode(404);
        given().auth().oauth2(otherAdmin.token()).when().get("/api/v1/departments/" + otherDepartment + "/staff")
                .then().statusCode(200).body("id", hasItem((int) otherAdmin.userId()));
    }

    @Test
    void theVisibilitySqlAndItsJavaMirrorAgreeForDepartmentStaff() {
        IncidentFixture f = new IncidentFixture();
        long called = f.reported("0101");
        long notCalled = f.reported("0102");
        long department = DepartmentFixture.department("可见性测试部门");
        long other = DepartmentFixture.department("可见性另一部门");
        DepartmentFixture.called(called, department, f.adminA.userId(), f.tree.communityA().id());
        int seen = 0;
        for (long d : List.of(department, other)) {
            TestTokens.Staff s = DepartmentFixture.staffOf(d, f.tree.county().id(), Role.DEPT_HANDLER);
            Visibility viewer = new Visibility(s.userId(), null, d);
            for (long id : List.of(called, notCalled)) {
                boolean bySql = IncidentFixture.intValue("SELECT count(*) FROM incident i WHERE i.id = $3 AND "
                        + Visibility.sql(1), s.userId(), null, id) == 1;
                boolean byListSql = IncidentFixture.intValue("SELECT count(*) FROM incident i WHERE i.id = $3 AND "
                        + Visibility.listSql(1), s.userId(), null, id) == 1;
                assertEquals(bySql, byListSql, "lists, department " + d + ", incident " + id);
                Row r = IncidentFixture.rows("SELECT reporter_id, assignee_id, ltree2text(region_path) AS region_path,"
                        + " ARRAY(SELECT department_id FROM department_call WHERE incident_id = i.id) AS departments"
                        + " FROM incident i WHERE id = $1", id).get(0);
                boolean byJava = viewer.sees(r.getLong("reporter_id"), r.getLong("assignee_id"),
                        r.getString("region_path"), List.of(r.getArrayOfLongs("departments")));
                assertEquals(bySql, byJava, "department " + d + ", incident " + id);
                seen += bySql ? 1 : 0;
                assertEquals(d == department && id == called, bySql, "department " + d + ", incident " + id);
            }
        }
        assertEquals(1, seen);
    }
}
