package cn.gridgov.region;

import cn.gridgov.common.geo.Gcj02;
import cn.gridgov.common.geo.LngLat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.gridgov.region.RegionFixture.imported;
import static cn.gridgov.region.RegionFixture.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Locating a point: the chain of areas containing it, and the building it is in or next to. */
@QuarkusTest
class LocateTest {

    private RegionFixture.SmallTree tree;
    private List<String> chainToA;

    @BeforeEach
    void tree() {
        tree = new RegionFixture.SmallTree();
        imported(tree.file());
        chainToA = List.of(RegionFixture.COUNTY_CODE, tree.cell.code("T"), tree.cell.code("C"), tree.cell.code("KA"));
    }

    @Test
    void aPointInsideAFootprintIsInThatBuilding() {
        locateWgs(0.0031, 0.0031)
                .body("chain.code", equalTo(chainToA))
                .body("chain.level", contains("COUNTY", "TOWN", "COMMUNITY", "COMPOUND"))
                .body("chain[3].name", equalTo(tree.cell.code("甲小区")))
                .body("chain[3].id", equalTo((int) tree.id(tree.compoundA)))
                .body("building.code", equalTo(tree.cell.code("B1")))
                .body("building.name", equalTo(tree.cell.code("1号楼")))
                .body("building.distanceMetres", equalTo(0.0f));
    }

    @Test
    void aPointBetweenBuildingsGetsTheNearestWithin30Metres() {
        // about 9.6 m east (at latitude 30) of building 1's footprint, about 64 m west of building 2's point
        ValidatableResponse r = locateWgs(0.0033, 0.0031)
                .body("chain.code", equalTo(chainToA))
                .body("building.code", equalTo(tree.cell.code("B1")));
        assertEquals(9.6, r.extract().jsonPath().getDouble("building.distanceMetres"), 0.3);
        // about 9 m west of building 2's point
        locateWgs(0.0039, 0.0031).body("building.code", equalTo(tree.cell.code("B2")));
    }

    @Test
    void aPointFartherThan30MetresFromAnyBuildingHasNone() {
        locateWgs(0.0070, 0.0070)
                .body("chain.code", equalTo(chainToA))
                .body("building", nullValue());
    }

    @Test
    void aPointOnTheBorderOfTwoCompoundsGoesToTheOneWithTheLowestIdEveryTime() {
        long a = tree.id(tree.compoundA);
        long b = tree.id(tree.compoundB);
        String expected = a < b ? tree.cell.code("KA") : tree.cell.code("KB");
        for (int i = 0; i < 3; i++) {
            locateWgs(0.008, 0.005).body("chain[3].code", equalTo(expected)).body("chain", hasSize(4));
        }
        // and a corner shared by both is no different
        locateWgs(0.008, 0.002).body("chain[3].code", equalTo(expected));
    }

    @Test
    void aPointOutsideTheCountyIsOutsideCoverage() {
        given().queryParam("lng", 125.0).queryParam("lat", 35.0).queryParam("coordType", "wgs84")
                .get("/api/v1/regions/locate").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("OUTSIDE_COVERAGE"));
    }

    @Test
    void theSamePlaceInGcj02AndWgs84GivesTheSameAnswer() {
        LngLat wgs = new LngLat(tree.cell.lng() + 0.0031, tree.cell.lat() + 0.0031);
        LngLat gcj = Gcj02.fromWgs84(wgs);
        String fromWgs = locateWgs(0.0031, 0.0031).extract().asString();
        // GCJ-02 is the default: the mini program sends it
        String fromGcj = given().queryParam("lng", gcj.lng()).queryParam("lat", gcj.lat())
                .get("/api/v1/regions/locate").then().statusCode(200).extract().asString();
        assertEquals(fromWgs, fromGcj);
        // and the raw GCJ-02 numbers read as WGS-84 are hundreds of metres off: not the same building
        given().queryParam("lng", gcj.lng()).queryParam("lat", gcj.lat()).queryParam("coordType", "wgs84")
                .get("/api/v1/regions/locate").then().body("building", nullValue());
    }

    @Test
    void badCoordinatesAreABadRequest() {
        given().queryParam("lat", 35.0).get("/api/v1/regions/locate").then().statusCode(400)
                .body("code", equalTo("BAD_COORDINATES"));
        given().queryParam("lng", "east").queryParam("lat", 35.0).get("/api/v1/regions/locate").then()
                .statusCode(400).body("code", equalTo("BAD_COORDINATES"));
        given().queryParam("lng", 181).queryParam("lat", 35.0).get("/api/v1/regions/locate").then()
                .statusCode(400).body("code", equalTo("BAD_COORDINATES"));
        given().queryParam("lng", 115).queryParam("lat", "NaN").get("/api/v1/regions/locate").then()
                .statusCode(400).body("code", equalTo("BAD_COORDINATES"));
        given().queryParam("lng", 115).queryParam("lat", 35).queryParam("coordType", "bd09")
                .get("/api/v1/regions/locate").then().statusCode(400).body("code", equalTo("BAD_COORD_TYPE"));
    }

    private ValidatableResponse locateWgs(double dx, double dy) {
        return given().queryParam("lng", tree.cell.lng() + dx).queryParam("lat", tree.cell.lat() + dy)
                .queryParam("coordType", "wgs84")
                .get("/api/v1/regions/locate").then().statusCode(200);
    }
}
