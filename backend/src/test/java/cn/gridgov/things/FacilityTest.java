package cn.gridgov.things;

import cn.gridgov.common.geo.Gcj02;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Facilities (部件) from outside: create, edit, nearby, the report naming one, its history, imports, scope. */
@QuarkusTest
class FacilityTest {

    /** Degrees of longitude per metre at the fixture's latitude. */
    private static double east(IncidentFixture f, double metres) {
        return metres / (111_320 * Math.cos(Math.toRadians(f.lat)));
    }

    private static String code(IncidentFixture f, String local) {
        return f.tree.compoundA().code() + "-" + local;
    }

    private static Map<String, Object> facility(String code, String category, double lng, double lat, String coordType) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "井盖 " + code);
        body.put("categoryCode", category);
        body.put("location", Map.of("lng", lng, "lat", lat, "coordType", coordType));
        return body;
    }

    /** REST Assured reading JSON numbers as doubles (its default, float, loses coordinates' precision). */
    static RequestSpecification given() {
        return RestAssured.given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).queryParam("coordType", "wgs84")
                .when().post("/api/v1/facilities").then();
    }

    @Test
    void staffCreateInGcj02EditWithVersionAndAnotherCommunitySeesNothing() {
        IncidentFixture f = new IncidentFixture();
        LngLat gcj = Gcj02.fromWgs84(new LngLat(f.lng, f.lat));
        long id = create(f.worker.token(), facility(code(f, "JG1"), "0101", gcj.lng(), gcj.lat(), "gcj02"))
                .statusCode(201).header("Location", containsString("/api/v1/facilities/"))
                .body("region.id", equalTo((int) f.tree.compoundA().id()))
                .body("categoryName", equalTo("井盖破损或缺失"))
                .body("state", equalTo("NORMAL"))
                .body("location.lng", closeTo(f.lng, 1e-5)).body("location.lat", closeTo(f.lat, 1e-5))
                .extract().jsonPath().getLong("id");

        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/facilities/" + id).then().statusCode(200)
                .body("code", equalTo(code(f, "JG1")));
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/facilities/" + id).then().statusCode(404)
                .body("code", equalTo("FACILITY_NOT_FOUND"));

        Map<String, Object> edit = facility(code(f, "JG1"), "0101", f.lng, f.lat, "wgs84");
        edit.put("state", "DAMAGED");
        edit.put("version", 0);
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).body(edit)
                .when().put("/api/v1/facilities/" + id).then().statusCode(200)
                .body("state", equalTo("DAMAGED")).body("version", equalTo(1));
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).body(edit)
                .when().put("/api/v1/facilities/" + id).then().statusCode(409).body("code", equalTo("STALE_VERSION"));
        edit.put("version", 1);
        given().auth().oauth2(f.adminB.token()).contentType(ContentType.JSON).body(edit)
                .when().put("/api/v1/facilities/" + id).then().statusCode(404);
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/facilities/" + id + "/incidents").then()
                .statusCode(404);
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/facilities").then().statusCode(200)
                .body("items.findAll { it.id == " + id + " }", hasSize(0));
        given().auth().oauth2(f.adminA.token()).queryParam("regionId", f.tree.compoundA().id())
                .when().get("/api/v1/facilities").then().statusCode(200)
                .body("items.findAll { it.id == " + id + " }", hasSize(1));
    }

    @Test
    void badFieldsAndPlacesOutsideTheScopeAreRefusedInChinese() {
        IncidentFixture f = new IncidentFixture();
        create(f.worker.token(), facility(code(f, "X1"), "9999", f.lng, f.lat, "wgs84")).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("detail", containsString("类型不存在"))
                .body("errors[0].field", equalTo("categoryCode"));
        RegionFixture.Node b = f.tree.compoundB();
        create(f.worker.token(), facility(code(f, "X2"), "0101", b.lng() - 0.002, b.lat(), "wgs84")).statusCode(400)
                .body("code", equalTo("FACILITY_OUT_OF_SCOPE"));
        create(f.worker.token(), facility(code(f, "X3"), "0101", 10, 10, "wgs84")).statusCode(400)
                .body("code", equalTo("OUTSIDE_COVERAGE"));
        create(f.worker.token(), facility(code(f, "X4"), "0101", f.lng, f.lat, "wgs84")).statusCode(201);
        create(f.worker.token(), facility(code(f, "X4"), "0101", f.lng, f.lat, "wgs84")).statusCode(409)
                .body("code", equalTo("FACILITY_CODE_TAKEN"));
    }

    @Test
    void nearbySuggestsFacilitiesWithin20MetresAndAReportNamingOneShowsInItsHistory() {
        IncidentFixture f = new IncidentFixture();
        long near = create(f.worker.token(), facility(code(f, "N1"), "0102", f.lng + east(f, 12), f.lat, "wgs84"))
                .statusCode(201).extract().jsonPath().getLong("id");
        long far = create(f.worker.token(), facility(code(f, "N2"), "0102", f.lng + east(f, 35), f.lat, "wgs84"))
                .statusCode(201).extract().jsonPath().getLong("id");
        List<Integer> ids = given().auth().oauth2(f.resident.token()).queryParam("lon", f.lng).queryParam("lat", f.lat)
                .queryParam("coordType", "wgs84").when().get("/api/v1/facilities/nearby").then().statusCode(200)
                .body("[0].distanceMetres", closeTo(12, 0.5))
                .extract().jsonPath().getList("id");
        assertEquals(List.of((int) near), ids, "only the facility within 20 m");
        given().auth().oauth2(f.resident.token()).queryParam("lon", "east").queryParam("lat", f.lat)
                .when().get("/api/v1/facilities/nearby").then().statusCode(400).body("code", equalTo("BAD_COORDINATES"));

        Map<String, Object> report = f.body("0102", 0, List.of());
        report.put("facilityId", near);
        long incident = f.report(f.resident.token(), report, UUID.randomUUID().toString()).statusCode(201)
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(f.adminA.token()).queryParam("coordType", "wgs84")
                .when().get("/api/v1/facilities/" + near + "/incidents").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) incident)))
                .body("items[0].categoryCode", equalTo("0102"));
        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/facilities/" + far + "/incidents").then()
                .statusCode(200).body("items", hasSize(0));

        // a facility of another community: refused, and no incident is written
        TestTokens.Staff workerB = TestTokens.staffOn(f.tree.compoundB(), Role.GRID_WORKER);
        RegionFixture.Node b = f.tree.compoundB();
        long inB = create(workerB.token(), facility(code(f, "NB"), "0102", b.lng() - 0.002, b.lat(), "wgs84"))
                .statusCode(201).extract().jsonPath().getLong("id");
        int before = IncidentFixture.intValue("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId());
        Map<String, Object> wrong = f.body("0102", 0, List.of());
        wrong.put("facilityId", inB);
        f.report(f.resident.token(), wrong, UUID.randomUUID().toString()).statusCode(422)
                .body("code", equalTo("FACILITY_NOT_HERE"));
        assertEquals(before, IncidentFixture.intValue("SELECT count(*) FROM incident WHERE reporter_id = $1",
                f.resident.userId()), "nothing written");
    }

    @Test
    void aBadCsvRowIsReportedWithItsRowNumberAndNothingIsImported() {
        IncidentFixture f = new IncidentFixture();
        String csv = "编码,名称,类型,经度,纬度,状态,权属部门,备注\n"
                + code(f, "C1") + ",东门井盖,0101," + f.lng + "," + f.lat + ",正常,,\n"
                + code(f, "C2") + ",3栋路灯,9999," + (f.lng + east(f, 40)) + "," + f.lat + ",损坏,,\n"
                + code(f, "C3") + ",健身器材,0103,abc," + f.lat + ",,,\n"
                + code(f, "C1") + ",重复,0101," + f.lng + "," + f.lat + ",,,\n";
        given().auth().oauth2(f.worker.token()).contentType("text/csv; charset=utf-8").body(csv)
                .queryParam("coordType", "wgs84")
                .when().post("/api/v1/facilities/import").then().statusCode(422)
                .body("code", equalTo("FACILITY_IMPORT_REJECTED"))
                .body("detail", equalTo("导入被拒绝，未写入任何数据：3 行有问题"))
                .body("rows.row", equalTo(List.of(3, 4, 5)))
                .body("rows[0].field", equalTo("categoryCode"))
                .body("rows[0].reason", startsWith("第 3 行：类型不存在"))
                .body("rows[1].reason", equalTo("第 4 行：经度不是数字：abc"))
                .body("rows[2].reason", containsString("在文件中重复（第 2 行已使用）"));
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM facility WHERE code LIKE $1",
                f.tree.compoundA().code() + "-C%"), "nothing imported");

        String good = "名称,类型,经度,纬度,编码\n"
                + "东门井盖,0101," + f.lng + "," + f.lat + "," + code(f, "C1") + "\n"
                + "\"3栋路灯, 南侧\",0102," + (f.lng + east(f, 40)) + "," + f.lat + "," + code(f, "C2") + "\n";
        given().auth().oauth2(f.worker.token()).contentType("text/csv; charset=utf-8").body(good).queryParam("coordType", "wgs84")
                .when().post("/api/v1/facilities/import").then().statusCode(200).body("imported", equalTo(2));
        assertEquals(2, IncidentFixture.intValue("SELECT count(*) FROM facility WHERE code LIKE $1",
                f.tree.compoundA().code() + "-C%"));
    }

    @Test
    void aGeoJsonImportIsCheckedAgainstTheScopeRowByRow() {
        IncidentFixture f = new IncidentFixture();
        RegionFixture.Node b = f.tree.compoundB();
        Map<String, Object> inA = feature(code(f, "G1"), "0101", f.lng, f.lat);
        Map<String, Object> inB = feature(code(f, "G2"), "0101", b.lng() - 0.002, b.lat());
        given().auth().oauth2(f.worker.token()).contentType("application/geo+json")
                .body(Map.of("type", "FeatureCollection", "features", List.of(inA, inB)))
                .when().post("/api/v1/facilities/import").then().statusCode(422)
                .body("rows.row", equalTo(List.of(2)))
                .body("rows[0].reason", equalTo("第 2 行：该位置不在您的管辖范围内"));
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM facility WHERE code LIKE $1",
                f.tree.compoundA().code() + "-G%"));
        given().auth().oauth2(f.adminA.token()).contentType("application/geo+json")
                .body(Map.of("type", "FeatureCollection", "features", List.of(inA)))
                .when().post("/api/v1/facilities/import").then().statusCode(200).body("imported", equalTo(1));
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).body("{\"type\":\"Feature\"}")
                .when().post("/api/v1/facilities/import").then().statusCode(400).body("code", equalTo("BAD_FACILITY_FILE"));
    }

    private static Map<String, Object> feature(String code, String category, double lng, double lat) {
        return Map.of("type", "Feature", "properties", Map.of("code", code, "name", "部件 " + code,
                "categoryCode", category), "geometry", Map.of("type", "Point", "coordinates", List.of(lng, lat)));
    }
}
