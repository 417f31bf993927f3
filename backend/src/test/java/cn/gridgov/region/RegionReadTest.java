package cn.gridgov.region;

import cn.gridgov.common.geo.Gcj02;
import cn.gridgov.common.geo.LngLat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.gridgov.region.RegionFixture.COUNTY_CODE;
import static cn.gridgov.region.RegionFixture.idOf;
import static cn.gridgov.region.RegionFixture.imported;
import static cn.gridgov.region.RegionFixture.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Reading the tree: one node, children, ancestors, filtered pages, and the GeoJSON export that imports back. */
@QuarkusTest
class RegionReadTest {

    private RegionFixture.SmallTree tree;

    @BeforeEach
    void tree() {
        tree = new RegionFixture.SmallTree();
        imported(tree.file());
    }

    @Test
    void childrenOfACommunityAreItsCompounds() {
        given().get("/api/v1/regions/" + tree.id(tree.community) + "/children").then().statusCode(200)
                .body("code", contains(tree.cell.code("KA"), tree.cell.code("KB")))
                .body("level", contains("COMPOUND", "COMPOUND"))
                .body("[1].partyOrg.name", equalTo(tree.cell.code("乙小区") + "党支部"));
        given().get("/api/v1/regions/" + tree.id(tree.building1) + "/children").then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void ancestorsAreRootFirstWithoutTheNodeItself() {
        given().get("/api/v1/regions/" + tree.id(tree.building3) + "/ancestors").then().statusCode(200)
                .body("code", contains(COUNTY_CODE, tree.cell.code("T"), tree.cell.code("C"), tree.cell.code("KB")));
        given().get("/api/v1/regions/" + idOf("测试县") + "/ancestors").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void unknownNodesAnswer404() {
        for (String path : List.of("", "/children", "/ancestors", "/geojson")) {
            given().get("/api/v1/regions/987654321" + path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("code", equalTo("REGION_NOT_FOUND"));
        }
    }

    @Test
    void positionsComeInTheRequestedCoordinateSystem() {
        long id = tree.id(tree.building2);
        LngLat wgs = new LngLat(tree.cell.lng() + 0.0040, tree.cell.lat() + 0.0031);
        LngLat gcj = Gcj02.fromWgs84(wgs);
        JsonPath asGcj = given().queryParam("coordType", "gcj02").get("/api/v1/regions/" + id)
                .then().statusCode(200).extract().jsonPath().using(RegionFixture.PRECISE);
        assertEquals(gcj.lng(), asGcj.getDouble("position.lng"), 1e-9);
        assertEquals(gcj.lat(), asGcj.getDouble("position.lat"), 1e-9);
        given().queryParam("coordType", "mars").get("/api/v1/regions/" + id).then().statusCode(400)
                .body("code", equalTo("BAD_COORD_TYPE"));
    }

    @Test
    void listsFilterByLevelParentAndNameAndPageWithACursor() {
        long compoundA = tree.id(tree.compoundA);
        JsonPath first = given().queryParam("parentId", compoundA).queryParam("limit", 1).get("/api/v1/regions")
                .then().statusCode(200)
                .body("items.code", contains(tree.cell.code("B1")))
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        given().queryParam("parentId", compoundA).queryParam("limit", 1)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/regions")
                .then().statusCode(200)
                .body("items.code", contains(tree.cell.code("B2")))
                .body("nextCursor", nullValue());

        given().queryParam("level", "building").queryParam("q", tree.cell.prefix() + "3号")
                .get("/api/v1/regions").then().statusCode(200)
                .body("items.code", contains(tree.cell.code("B3")));
        given().queryParam("level", "COMPOUND").queryParam("parentId", tree.id(tree.community))
                .get("/api/v1/regions").then().statusCode(200)
                .body("items.name", contains(tree.cell.code("甲小区"), tree.cell.code("乙小区")));
        // LIKE wildcards in q are taken literally
        given().queryParam("q", tree.cell.prefix() + "%").get("/api/v1/regions").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void badPagingAndFiltersAreBadRequests() {
        given().queryParam("limit", 201).get("/api/v1/regions").then().statusCode(400).body("code", equalTo("BAD_LIMIT"));
        given().queryParam("limit", 0).get("/api/v1/regions").then().statusCode(400).body("code", equalTo("BAD_LIMIT"));
        given().queryParam("cursor", "forged").get("/api/v1/regions").then().statusCode(400)
                .body("code", equalTo("BAD_CURSOR"));
        given().queryParam("level", "VILLAGE").get("/api/v1/regions").then().statusCode(400)
                .body("code", equalTo("BAD_LEVEL"));
        given().queryParam("parentId", "abc").get("/api/v1/regions").then().statusCode(400)
                .body("code", equalTo("BAD_PARENTID"));
        given().get("/api/v1/regions").then().statusCode(200).body("items", hasSize(20));
    }

    @Test
    void geoJsonExportImportsBackUnchanged() {
        long town = tree.id(tree.town);
        Map<String, Object> exported = given().queryParam("depth", 4).get("/api/v1/regions/" + town + "/geojson")
                .then().statusCode(200)
                .body("type", equalTo("FeatureCollection"))
                .body("features", hasSize(7))
                .body("features[0].properties.code", equalTo(tree.cell.code("T")))
                .body("features[0].properties.parentCode", equalTo(COUNTY_CODE))
                .body("features[0].geometry.type", equalTo("MultiPolygon"))
                .body("features.find { it.properties.code == '" + tree.cell.code("B2") + "' }.geometry.type",
                        equalTo("Point"))
                .body("features.find { it.properties.code == '" + tree.cell.code("KA") + "' }.properties.attributes.households",
                        equalTo(120))
                .body("features.find { it.properties.code == '" + tree.cell.code("KA") + "' }.properties.partyOrg.secretary",
                        equalTo("王芳"))
                .extract().as(Map.class);

        given().contentType(ContentType.JSON).body(exported).post("/api/v1/regions/import").then().statusCode(200)
                .body("total", equalTo(7)).body("created", equalTo(0)).body("updated", equalTo(0));
    }

    @Test
    void geoJsonExportReachesTheRequestedDepthInTheRequestedSystem() {
        long town = tree.id(tree.town);
        given().get("/api/v1/regions/" + town + "/geojson").then().statusCode(200)
                .body("features.properties.level", contains("TOWN", "COMMUNITY"));
        given().queryParam("depth", 0).get("/api/v1/regions/" + town + "/geojson").then().statusCode(200)
                .body("features", hasSize(1));
        given().queryParam("depth", 5).get("/api/v1/regions/" + town + "/geojson").then().statusCode(400)
                .body("code", equalTo("BAD_DEPTH"));
        double wgsLng = given().get("/api/v1/regions/" + town + "/geojson").then().extract().jsonPath()
                .using(RegionFixture.PRECISE).getDouble("features[0].geometry.coordinates[0][0][0][0]");
        double gcjLng = given().queryParam("coordType", "gcj02").get("/api/v1/regions/" + town + "/geojson")
                .then().extract().jsonPath().getDouble("features[0].geometry.coordinates[0][0][0][0]");
        assertEquals(tree.cell.lng(), wgsLng, 1e-12);
        assertNotEquals(wgsLng, gcjLng);
    }
}
