package cn.gridgov.open311;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Open311 GeoReport v2 from outside, following the specification's own examples in XML and JSON: discovery,
 * services and their definitions, a request posted with an api_key going through the one pipeline (source OPEN311),
 * read back by id, list and token, within the key's scope only; errors as the standard's error list.
 */
@QuarkusTest
class Open311Test {

    private static final String BASE = "/open311/v2/";

    /** A key issued by a county admin for community A of the fixture; answers the key. */
    private static String keyFor(IncidentFixture f, TestTokens.Staff countyAdmin, long regionId, String name) {
        return given().auth().oauth2(countyAdmin.token()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "regionId", regionId))
                .when().post("/api/v1/open311/keys")
                .then().statusCode(201).body("key.regionId", equalTo((int) regionId))
                .body("apiKey", startsWith("o311_")).extract().jsonPath().getString("apiKey");
    }

    private static TestTokens.Staff countyAdmin(IncidentFixture f) {
        return TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
    }

    private static Map<String, Object> form(String key, IncidentFixture f, String description) {
        Map<String, Object> form = new HashMap<>();
        form.put("api_key", key);
        form.put("service_code", "0101");
        form.put("lat", f.lat);
        form.put("long", f.lng);
        form.put("description", description);
        form.put("email", "someone@example.cn");
        return form;
    }

    private static ValidatableResponse post(String format, Map<String, Object> form) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form).when().post(BASE + "requests." + format).then();
    }

    @Test
    void theDiscoveryDocumentNamesTheSpecificationInBothFormats() {
        JsonPath json = given().when().get(BASE + "discovery.json").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
        assertEquals("http://wiki.open311.org/GeoReport_v2", json.getString("endpoints[0].specification"));
        assertEquals(List.of("text/xml", "application/json"), json.getList("endpoints[0].formats"));
        assertTrue(json.getString("endpoints[0].url").endsWith("/open311/v2"));
        XmlPath xml = given().when().get(BASE + "discovery.xml").then().statusCode(200)
                .contentType(startsWith("text/xml")).extract().xmlPath();
        assertEquals("http://wiki.open311.org/GeoReport_v2", xml.getString("discovery.endpoints.endpoint.specification"));
        assertEquals(List.of("text/xml", "application/json"), xml.getList("discovery.endpoints.endpoint.formats.format"));
    }

    @Test
    void categoriesAreServicesWithDefinitions() {
        JsonPath json = given().when().get(BASE + "services.json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> manhole = json.getMap("find { it.service_code == '0101' }");
        assertEquals("井盖破损或缺失", manhole.get("service_name"));
        assertEquals(true, manhole.get("metadata"));
        assertEquals("realtime", manhole.get("type"));
        assertEquals("公共设施", manhole.get("group"));
        assertFalse(json.getList("service_code").contains("01"), "groups are not services");

        XmlPath xml = given().when().get(BASE + "services.xml").then().statusCode(200).extract().xmlPath();
        assertTrue(xml.getList("services.service.service_code").contains("0101"));
        assertEquals("井盖破损或缺失", xml.getString("services.service.find { it.service_code == '0101' }.service_name"));

        JsonPath definition = given().when().get(BASE + "services/0101.json").then().statusCode(200).extract().jsonPath();
        assertEquals("0101", definition.getString("service_code"));
        assertEquals("occurred_at", definition.getString("attributes[0].code"));
        assertEquals("datetime", definition.getString("attributes[0].datatype"));
        assertEquals(false, definition.getBoolean("attributes[0].required"));
        XmlPath definitionXml = given().when().get(BASE + "services/0101.xml").then().statusCode(200).extract().xmlPath();
        assertEquals("occurred_at", definitionXml.getString("service_definition.attributes.attribute.code"));

        // errors: the standard's list, in the format asked for
        given().when().get(BASE + "services/9999.json").then().statusCode(404)
                .contentType(startsWith("application/json"))
                .body("[0].code", equalTo(404)).body("[0].description", startsWith("OPEN311_SERVICE_NOT_FOUND"));
        XmlPath error = given().when().get(BASE + "services/9999.xml").then().statusCode(404)
                .contentType(startsWith("text/xml")).extract().xmlPath();
        assertEquals("404", error.getString("errors.error.code"));
        given().when().get(BASE + "services.txt").then().statusCode(404).contentType(startsWith("text/xml"));
    }

    @Test
    void aPostedRequestGoesThroughThePipelineAndIsReadBackByIdListAndToken() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = countyAdmin(f);
        String key = keyFor(f, county, f.tree.communityA().id(), "12345 热线测试");

        Map<String, Object> form = form(key, f, "东门人行道井盖缺失（Open311）");
        form.put("attribute[occurred_at]", "2026-03-01T07:50:00+08:00");
        JsonPath created = post("json", form).statusCode(201).extract().jsonPath();
        String id = created.getString("[0].service_request_id");
        String token = created.getString("[0].token");
        assertNotNull(id);
        assertNotNull(token);

        // the same incident the staff see, of source OPEN311, owned by the community, with a deadline
        JsonPath incident = given().auth().oauth2(f.adminA.token()).when().get("/api/v1/incidents/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("OPEN311", incident.getString("source"));
        assertEquals("REPORTED", incident.getString("status"));
        assertEquals("东门人行道井盖缺失（Open311）", incident.getString("description"));
        assertEquals(IncidentFixture.intValue("SELECT count(*)::int FROM incident WHERE id = $1 AND occurred_at = '2026-03-01T07:50:00+08:00'",
                Long.parseLong(id)), 1);

        JsonPath one = given().queryParam("api_key", key).when().get(BASE + "requests/" + id + ".json")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(id, one.getString("[0].service_request_id"));
        assertEquals("open", one.getString("[0].status"));
        assertEquals("0101", one.getString("[0].service_code"));
        assertEquals(f.tree.communityA().name(), one.getString("[0].agency_responsible"));
        assertTrue(one.getString("[0].expected_datetime").endsWith("+08:00"));
        assertEquals(f.lat, one.getDouble("[0].lat"), 1e-6);
        assertEquals(f.lng, one.getDouble("[0].long"), 1e-6);

        XmlPath xml = given().queryParam("api_key", key).when().get(BASE + "requests/" + id + ".xml")
                .then().statusCode(200).extract().xmlPath();
        assertEquals(id, xml.getString("service_requests.request.service_request_id"));
        assertEquals("open", xml.getString("service_requests.request.status"));

        given().queryParam("api_key", key).when().get(BASE + "tokens/" + token + ".json")
                .then().statusCode(200).body("[0].service_request_id", equalTo(id)).body("[0].token", equalTo(token));

        JsonPath open = given().queryParam("api_key", key).queryParam("status", "open").queryParam("service_code", "0101")
                .when().get(BASE + "requests.json").then().statusCode(200).extract().jsonPath();
        assertTrue(open.getList("service_request_id").contains(id));

        // rejected by the community: closed for Open311, with the reason as status_notes
        f.act(f.adminA.token(), Long.parseLong(id), "REJECT", Map.of("comment", "不属于本社区管辖")).statusCode(200);
        JsonPath closed = given().queryParam("api_key", key).when().get(BASE + "requests/" + id + ".json")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("closed", closed.getString("[0].status"));
        assertEquals("不属于本社区管辖", closed.getString("[0].status_notes"));
        JsonPath stillOpen = given().queryParam("api_key", key).queryParam("status", "open")
                .when().get(BASE + "requests.json").then().statusCode(200).extract().jsonPath();
        assertFalse(stillOpen.getList("service_request_id").contains(id));
        JsonPath byId = given().queryParam("api_key", key).queryParam("service_request_id", id + ",999999999")
                .when().get(BASE + "requests.json").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(id), byId.getList("service_request_id"));
    }

    @Test
    void keysBindAScopeAndCanBeRevoked() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = countyAdmin(f);
        String keyA = keyFor(f, county, f.tree.communityA().id(), "社区A对接");
        String keyB = keyFor(f, county, f.tree.communityB().id(), "社区B对接");

        // a point in community A posted with community B's key: refused, nothing stored
        int before = IncidentFixture.intValue("SELECT count(*)::int FROM incident");
        post("json", form(keyB, f, "越界提交")).statusCode(403)
                .body("[0].code", equalTo(403)).body("[0].description", startsWith("OPEN311_OUT_OF_SCOPE"));
        assertEquals(before, IncidentFixture.intValue("SELECT count(*)::int FROM incident"));

        String id = post("json", form(keyA, f, "社区A的井盖")).statusCode(201).extract().jsonPath()
                .getString("[0].service_request_id");
        // community B's key cannot read community A's request, nor its token
        given().queryParam("api_key", keyB).when().get(BASE + "requests/" + id + ".json").then().statusCode(404)
                .body("[0].description", startsWith("OPEN311_REQUEST_NOT_FOUND"));
        assertFalse(given().queryParam("api_key", keyB).when().get(BASE + "requests.json").then().statusCode(200)
                .extract().jsonPath().getList("service_request_id").contains(id));

        // no key, a wrong key: 403 in the standard's list
        given().when().get(BASE + "requests.json").then().statusCode(403)
                .body("[0].description", startsWith("OPEN311_API_KEY_REQUIRED"));
        XmlPath wrong = given().queryParam("api_key", "o311_nope").when().get(BASE + "requests.xml").then()
                .statusCode(403).extract().xmlPath();
        assertEquals("403", wrong.getString("errors.error.code"));

        // the admin lists and revokes; a revoked key is refused
        long keyId = given().auth().oauth2(county.token()).when().get("/api/v1/open311/keys").then().statusCode(200)
                .extract().jsonPath().getLong("find { it.name == '社区B对接' }.id");
        given().auth().oauth2(county.token()).when().delete("/api/v1/open311/keys/" + keyId).then().statusCode(204);
        given().queryParam("api_key", keyB).when().get(BASE + "requests.json").then().statusCode(403)
                .body("[0].description", startsWith("OPEN311_API_KEY_INVALID"));

        // only county admins manage keys; a community admin gets 403, and nodes outside scope do not exist
        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/open311/keys").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(county.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "regionId", 999_999_999L)).when().post("/api/v1/open311/keys")
                .then().statusCode(404).body("code", equalTo("REGION_NOT_FOUND"));
    }

    @Test
    void aRequestWithoutCoordinatesIsPlacedByAddressIdOrByTheNamesInItsAddress() {
        IncidentFixture f = new IncidentFixture();
        String key = keyFor(f, countyAdmin(f), f.tree.town().id(), "地址定位");
        RegionFixture.Tree t = f.tree;

        Map<String, Object> byId = form(key, f, "按节点编号定位");
        byId.remove("lat");
        byId.remove("long");
        byId.put("address_id", Long.toString(t.buildingA().id()));
        String first = post("json", byId).statusCode(201).extract().jsonPath().getString("[0].service_request_id");
        JsonPath one = given().queryParam("api_key", key).when().get(BASE + "requests/" + first + ".json")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Long.toString(t.buildingA().id()), one.getString("[0].address_id"));

        // the compound's name picks its own 3号楼 among the two of that name
        String tag = t.buildingA().name().substring("甲1号楼".length());
        RegionFixture.Node threeA = RegionFixture.node(t.buildingA().code() + "-3", "3号楼" + tag, "BUILDING",
                t.compoundA(), t.compoundA().lng() - 0.002, t.compoundA().lat() - 0.002, 0);
        RegionFixture.node(t.buildingB().code() + "-3", "3号楼" + tag, "BUILDING",
                t.compoundB(), t.compoundB().lng() - 0.002, t.compoundB().lat() - 0.002, 0);
        Map<String, Object> byText = form(key, f, "按地址定位");
        byText.remove("lat");
        byText.remove("long");
        byText.put("address_string", t.town().name() + t.compoundA().name() + "3号楼" + tag + "东侧");
        String second = post("xml", byText).statusCode(201).extract().xmlPath()
                .getString("service_requests.request.service_request_id");
        JsonPath two = given().queryParam("api_key", key).when().get(BASE + "requests/" + second + ".json")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Long.toString(threeA.id()), two.getString("[0].address_id"));
        assertTrue(two.getString("[0].description").contains("东侧"), two.getString("[0].description"));

        byText.put("address_string", "3号楼" + tag);
        post("json", byText).statusCode(400).body("[0].description", startsWith("OPEN311_ADDRESS_AMBIGUOUS"));
    }

    @Test
    void badSubmissionsAreRefusedClearlyAndStoreNothing() {
        IncidentFixture f = new IncidentFixture();
        String key = keyFor(f, countyAdmin(f), f.tree.communityA().id(), "校验测试");
        int before = IncidentFixture.intValue("SELECT count(*)::int FROM incident");

        Map<String, Object> noPosition = form(key, f, "只有地址");
        noPosition.remove("lat");
        noPosition.remove("long");
        noPosition.put("address_string", "春晖嘉园东门");
        post("json", noPosition).statusCode(400).body("[0].description", startsWith("OPEN311_ADDRESS_NOT_FOUND"));
        noPosition.remove("address_string");
        post("json", noPosition).statusCode(400).body("[0].description", startsWith("OPEN311_LOCATION_REQUIRED"));
        noPosition.put("address_id", "88号");
        post("json", noPosition).statusCode(400).body("[0].description", startsWith("OPEN311_BAD_ADDRESS_ID"));
        noPosition.put("address_id", Long.toString(f.tree.buildingB().id()));
        post("json", noPosition).statusCode(400).body("[0].description", startsWith("OPEN311_ADDRESS_NOT_FOUND"));

        Map<String, Object> badLat = form(key, f, "坐标错误");
        badLat.put("lat", "north");
        post("xml", badLat).statusCode(400).contentType(startsWith("text/xml"));

        Map<String, Object> noCode = form(key, f, "缺少服务代码");
        noCode.remove("service_code");
        post("json", noCode).statusCode(400).body("[0].description", startsWith("OPEN311_FIELD_REQUIRED"));

        Map<String, Object> unknownCode = form(key, f, "未知服务");
        unknownCode.put("service_code", "9999");
        post("json", unknownCode).statusCode(400).body("[0].code", equalTo(400));

        Map<String, Object> noDescription = form(key, f, "x");
        noDescription.remove("description");
        post("json", noDescription).statusCode(400).body("[0].description", startsWith("OPEN311_DESCRIPTION_REQUIRED"));

        Map<String, Object> badTime = form(key, f, "时间错误");
        badTime.put("attribute[occurred_at]", "yesterday");
        post("json", badTime).statusCode(400).body("[0].description", startsWith("OPEN311_BAD_DATE"));

        Map<String, Object> badMedia = form(key, f, "链接错误");
        badMedia.put("media_url", "file:///etc/passwd");
        post("json", badMedia).statusCode(400).body("[0].description", startsWith("OPEN311_BAD_MEDIA_URL"));

        given().queryParam("api_key", key).queryParam("status", "pending").when().get(BASE + "requests.json")
                .then().statusCode(400).body("[0].description", startsWith("OPEN311_BAD_STATUS"));
        given().queryParam("api_key", key).queryParam("start_date", "2026-03-02T00:00:00+08:00")
                .queryParam("end_date", "2026-03-01T00:00:00+08:00").when().get(BASE + "requests.json")
                .then().statusCode(400).body("[0].description", startsWith("OPEN311_BAD_PERIOD"));
        given().queryParam("api_key", key).when().get(BASE + "tokens/not-a-token.json").then().statusCode(404);

        assertEquals(before, IncidentFixture.intValue("SELECT count(*)::int FROM incident"));
    }
}
