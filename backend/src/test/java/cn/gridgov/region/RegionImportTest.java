package cn.gridgov.region;

import cn.gridgov.common.geo.Gcj02;
import cn.gridgov.common.geo.LngLat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.gridgov.region.RegionFixture.COUNTY_CODE;
import static cn.gridgov.region.RegionFixture.feature;
import static cn.gridgov.region.RegionFixture.idOf;
import static cn.gridgov.region.RegionFixture.imported;
import static cn.gridgov.region.RegionFixture.props;
import static cn.gridgov.region.RegionFixture.withCounty;
import static cn.gridgov.region.RegionFixture.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Importing the tree: what a good file creates, and that re-imports only change what changed. */
@QuarkusTest
class RegionImportTest {

    @Test
    void importCreatesTheTreeWithPartyOrgsPathsAndPositions() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file())
                .body("state", equalTo("SUCCEEDED"))
                .body("importId", notNullValue())
                .body("total", equalTo(8))
                .body("processed", equalTo(8))
                .body("created", greaterThan(6)) // the county too when this is the run's first import
                .body("updated", equalTo(0))
                .body("errors", is(List.of()));

        long county = idOf("测试县");
        long town = tree.id(tree.town);
        long community = tree.id(tree.community);
        long compound = tree.id(tree.compoundA);
        long building = tree.id(tree.building1);

        given().get("/api/v1/regions/" + compound).then().statusCode(200)
                .body("code", equalTo(tree.cell.code("KA")))
                .body("level", equalTo("COMPOUND"))
                .body("parentId", equalTo((int) community))
                .body("path", equalTo(county + "." + town + "." + community + "." + compound))
                .body("attributes.households", equalTo(120))
                .body("attributes.population", equalTo(350))
                .body("partyOrg.kind", equalTo("COMPOUND_BRANCH"))
                .body("partyOrg.name", equalTo(tree.cell.code("甲小区第一党支部")))
                .body("partyOrg.secretary", equalTo("王芳"))
                .body("version", equalTo(0))
                .body("position.lng", notNullValue());

        JsonPath b1 = given().get("/api/v1/regions/" + building).then().statusCode(200)
                .body("level", equalTo("BUILDING"))
                .body("partyOrg.kind", equalTo("BUILDING_GROUP"))
                .body("partyOrg.name", equalTo(tree.cell.code("1号楼") + "党小组"))
                .body("partyOrg.secretary", nullValue())
                .body("attributes", equalTo(Map.of()))
                .extract().jsonPath().using(RegionFixture.PRECISE);
        // a footprint's position is a point on its surface
        double lng = b1.getDouble("position.lng");
        double lat = b1.getDouble("position.lat");
        assertTrue(lng > tree.cell.lng() + 0.0030 && lng < tree.cell.lng() + 0.0032, "lng " + lng);
        assertTrue(lat > tree.cell.lat() + 0.0030 && lat < tree.cell.lat() + 0.0032, "lat " + lat);

        given().get("/api/v1/regions/" + tree.id(tree.building2)).then().statusCode(200)
                .body("position.lng", equalTo((float) (tree.cell.lng() + 0.0040)))
                .body("partyOrg.name", equalTo(tree.cell.code("2号楼") + "党小组"));
        given().get("/api/v1/regions/" + town).then()
                .body("partyOrg.kind", equalTo("TOWN_COMMITTEE"))
                .body("partyOrg.name", equalTo(tree.cell.code("镇") + "党委"));
        given().get("/api/v1/regions/" + community).then().body("partyOrg.kind", equalTo("COMMUNITY_COMMITTEE"));
        given().get("/api/v1/regions/" + county).then()
                .body("partyOrg.kind", equalTo("COUNTY_COMMITTEE"))
                .body("parentId", nullValue());
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file());
        long compound = tree.id(tree.compoundA);

        imported(tree.file()).body("created", equalTo(0)).body("updated", equalTo(0)).body("total", equalTo(8));

        given().get("/api/v1/regions/" + compound).then().body("version", equalTo(0));
    }

    @Test
    void reimportWithANewNameUpdatesThatNodeAndBumpsItsVersion() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file());
        long building = tree.id(tree.building1);
        String newName = tree.cell.code("1号楼（新）");
        props(tree.building1).put("name", newName);
        props(tree.community).put("partyOrg", Map.of("name", tree.cell.code("社区党委"), "secretary", "李强"));

        imported(tree.file()).body("created", equalTo(0)).body("updated", equalTo(2));

        given().get("/api/v1/regions/" + building).then()
                .body("name", equalTo(newName))
                .body("partyOrg.name", equalTo(newName + "党小组"))
                .body("version", equalTo(1));
        given().get("/api/v1/regions/" + tree.id(tree.community)).then()
                .body("partyOrg.secretary", equalTo("李强"))
                .body("version", equalTo(1));
        given().get("/api/v1/regions/" + tree.id(tree.compoundA)).then().body("version", equalTo(0));
    }

    @Test
    void movingACommunityMovesEverythingBelowIt() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file());
        long building = tree.id(tree.building1);
        long compound = tree.id(tree.compoundA);
        long community = tree.id(tree.community);
        // a second town over the same ground, then the community alone, now under it
        Map<String, Object> town2 = feature(tree.cell.code("T2"), COUNTY_CODE, tree.cell.code("新镇"), "TOWN",
                tree.cell.box(0, 0, 0.018, 0.018));
        props(tree.community).put("parentCode", tree.cell.code("T2"));

        imported(withCounty(town2, tree.community)).body("created", equalTo(1)).body("updated", equalTo(1));

        long county = idOf("测试县");
        long newTown = idOf(tree.cell.code("新镇"));
        given().get("/api/v1/regions/" + community).then()
                .body("parentId", equalTo((int) newTown))
                .body("path", equalTo(county + "." + newTown + "." + community));
        given().get("/api/v1/regions/" + building).then()
                .body("path", equalTo(county + "." + newTown + "." + community + "." + compound + "." + building))
                .body("version", equalTo(0));
        given().get("/api/v1/regions/" + building + "/ancestors").then()
                .body("id", contains((int) county, (int) newTown, (int) community, (int) compound));
    }

    @Test
    void childrenWithinTheToleranceOutsideTheirParentAreAccepted() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        // compound B reaches about 0.9 m east of its community: inside the 2 m tolerance
        tree.compoundB.put("geometry", tree.cell.box(0.008, 0.002, 0.01701, 0.008));
        imported(tree.file()).body("state", equalTo("SUCCEEDED"));
    }

    @Test
    void gcj02FilesAreStoredInWgs84AndReadBackInEither() {
        RegionFixture.Cell cell = RegionFixture.newCell();
        LngLat wgs = new LngLat(cell.lng() + 0.009, cell.lat() + 0.009);
        LngLat gcj = Gcj02.fromWgs84(wgs);
        Map<String, Object> town = feature(cell.code("T"), COUNTY_CODE, cell.code("镇"), "TOWN",
                RegionFixture.polygon(gcj.lng() - 0.004, gcj.lat() - 0.004, gcj.lng() + 0.004, gcj.lat() + 0.004));
        imported(withCounty());
        given().contentType(ContentType.JSON).body(RegionFixture.collection(List.of(town)))
                .queryParam("coordType", "gcj02")
                .post("/api/v1/regions/import").then().statusCode(200).body("coordType", equalTo("gcj02"));

        long id = idOf(cell.code("镇"));
        JsonPath stored = given().get("/api/v1/regions/" + id).then().statusCode(200)
                .extract().jsonPath().using(RegionFixture.PRECISE);
        assertEquals(wgs.lng(), stored.getDouble("position.lng"), 1e-5);
        assertEquals(wgs.lat(), stored.getDouble("position.lat"), 1e-5);
        JsonPath asGcj = given().queryParam("coordType", "gcj02").get("/api/v1/regions/" + id)
                .then().statusCode(200).extract().jsonPath().using(RegionFixture.PRECISE);
        assertEquals(gcj.lng(), asGcj.getDouble("position.lng"), 1e-5);
        assertEquals(gcj.lat(), asGcj.getDouble("position.lat"), 1e-5);
    }
}
