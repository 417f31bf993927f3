package cn.gridgov.incident.category;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** The category tree and its maintenance. */
@QuarkusTest
class CategoryResourceTest {

    /** Group codes are handed out in turn: random ones could repeat within a run. */
    private static final AtomicInteger GROUP_CODES = new AtomicInteger(100_000);

    private static String countyAdmin;

    @BeforeAll
    static void accounts() {
        countyAdmin = TestTokens.staffOn(RegionFixture.testCounty(), Role.COUNTY_ADMIN).token();
    }

    /** A county administrator's token. */
    static String county() {
        return countyAdmin;
    }

    @Test
    void onlyTheCountyMaintainsCategories() {
        Map<String, Object> body = Map.of("code", uniqueGroupCode(), "name", "越权", "handlingLevel", "COMMUNITY",
                "deadlineAmount", 1, "deadlineUnit", "WORKING_DAYS");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/categories")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.staffOn(RegionFixture.create().communityA(), Role.COMMUNITY_ADMIN).token())
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/categories")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void seededTreeHasTheSixGroupsWithTheirCategories() {
        given().when().get("/api/v1/categories")
                .then().statusCode(200)
                .body("name", hasItems("公共设施", "市容环境", "安全隐患", "矛盾纠纷", "房屋物业", "特殊人群关爱"))
                .body("find { it.code == '01' }.children.find { it.code == '0101' }.name", equalTo("井盖破损或缺失"))
                .body("find { it.code == '01' }.children.find { it.code == '0101' }.deadline.unit",
                        equalTo("WORKING_HOURS"))
                .body("find { it.code == '01' }.children.find { it.code == '0101' }.parentCode", equalTo("01"))
                .body("find { it.code == '03' }.children.find { it.code == '0304' }.handlingLevel", equalTo("COUNTY"));
    }

    @Test
    void countyCreatesAGroupAndACategoryThenDeactivatesIt() {
        String group = uniqueGroupCode();
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", group, "name", "测试大类" + group, "handlingLevel", "TOWN",
                        "deadlineAmount", 3, "deadlineUnit", "WORKING_DAYS"))
                .when().post("/api/v1/categories")
                .then().statusCode(201).header("Location", containsString("/api/v1/categories/" + group));
        String leaf = group + "01";
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", leaf, "name", "测试小类", "parentCode", group, "handlingLevel", "COMMUNITY",
                        "deadlineAmount", 8, "deadlineUnit", "WORKING_HOURS"))
                .when().post("/api/v1/categories")
                .then().statusCode(201).body("parentCode", equalTo(group)).body("deadline.amount", equalTo(8));

        given().when().get("/api/v1/categories").then().statusCode(200)
                .body("find { it.code == '" + group + "' }.children.code", hasItem(leaf));

        given().auth().oauth2(county()).when().post("/api/v1/categories/" + leaf + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));
        given().when().get("/api/v1/categories").then().statusCode(200)
                .body("find { it.code == '" + group + "' }.children.code", not(hasItem(leaf)));
        given().queryParam("includeInactive", true).when().get("/api/v1/categories").then().statusCode(200)
                .body("find { it.code == '" + group + "' }.children.code", hasItem(leaf));
    }

    @Test
    void updateChangesTheDeadlineAndRefusesAStaleVersion() {
        String group = uniqueGroupCode();
        int version = given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", group, "name", "时限测试", "handlingLevel", "COMMUNITY",
                        "deadlineAmount", 2, "deadlineUnit", "WORKING_DAYS"))
                .when().post("/api/v1/categories").then().statusCode(201).extract().path("version");
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("name", "时限测试", "handlingLevel", "COMMUNITY", "deadlineAmount", 5,
                        "deadlineUnit", "WORKING_DAYS", "version", version))
                .when().put("/api/v1/categories/" + group)
                .then().statusCode(200).body("deadline.amount", equalTo(5)).body("version", equalTo(version + 1));
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("name", "时限测试", "handlingLevel", "COMMUNITY", "deadlineAmount", 6,
                        "deadlineUnit", "WORKING_DAYS", "version", version))
                .when().put("/api/v1/categories/" + group)
                .then().statusCode(409).body("code", equalTo("STALE_VERSION"));
    }

    @Test
    void badCategoriesAreRefusedWithClearErrors() {
        String group = uniqueGroupCode();
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", group + "01", "name", "无上级", "parentCode", "0101", "handlingLevel", "COMMUNITY",
                        "deadlineAmount", 1, "deadlineUnit", "WORKING_DAYS"))
                .when().post("/api/v1/categories")
                .then().statusCode(400).body("code", equalTo("CATEGORY_PARENT_INVALID"));
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", group + "01", "name", "前缀不对", "parentCode", "01", "handlingLevel", "COMMUNITY",
                        "deadlineAmount", 1, "deadlineUnit", "WORKING_DAYS"))
                .when().post("/api/v1/categories")
                .then().statusCode(400).body("code", equalTo("CATEGORY_CODE_PREFIX"));
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", "0101", "name", "重复", "parentCode", "01", "handlingLevel", "COMMUNITY",
                        "deadlineAmount", 1, "deadlineUnit", "WORKING_DAYS"))
                .when().post("/api/v1/categories")
                .then().statusCode(409).body("code", equalTo("CATEGORY_CODE_TAKEN"));
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", "x-1", "handlingLevel", "VILLAGE", "deadlineAmount", 0, "deadlineUnit", "WORKING_DAYS"))
                .when().post("/api/v1/categories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_BODY"))
                .body("errors.field", hasItem("handlingLevel"));
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("code", group, "name", "缺少时限", "handlingLevel", "COMMUNITY", "deadlineAmount", 0,
                        "deadlineUnit", "WORKING_DAYS"))
                .when().post("/api/v1/categories")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("deadlineAmount"));
    }

    static String uniqueGroupCode() {
        return "T" + GROUP_CODES.incrementAndGet();
    }
}
