package cn.gridgov.region;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Data scope on the region tree, tested from the outside: a community admin of A reads, lists and exports
 * only A's subtree (B's nodes answer 404 and never appear in lists); only county and town admins import,
 * and only under their own node; residents may locate but not browse the tree.
 */
@QuarkusTest
class RegionResourceScopeTest {

    private static RegionFixture.Tree tree;
    private static RegionFixture.Node otherTown;
    private static TestTokens.Staff adminA;
    private static TestTokens.Staff townAdmin;

    @BeforeEach
    void setUp() {
        if (tree != null) {
            return;
        }
        tree = RegionFixture.create();
        RegionFixture.Node county = tree.county();
        double[] place = RegionFixture.freePlace();
        otherTown = RegionFixture.node(tree.town().code() + "-X", tree.town().name() + "X", "TOWN", county,
                place[0], place[1], 0.05);
        adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
    }

    @Test
    void adminOfAReadsAButNotB() {
        given().auth().oauth2(adminA.token()).when().get("/api/v1/regions/" + tree.compoundA().id())
                .then().statusCode(200).body("name", equalTo(tree.compoundA().name()));
        for (long id : new long[]{tree.communityB().id(), tree.compoundB().id(), tree.buildingB().id(),
                tree.town().id(), tree.county().id()}) {
            given().auth().oauth2(adminA.token()).when().get("/api/v1/regions/" + id)
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(adminA.token()).when().get("/api/v1/regions/" + id + "/children")
                    .then().statusCode(404);
            given().auth().oauth2(adminA.token()).when().get("/api/v1/regions/" + id + "/geojson")
                    .then().statusCode(404);
        }
        // the same answer as for a node that does not exist
        given().auth().oauth2(adminA.token()).when().get("/api/v1/regions/999999999").then().statusCode(404);
    }

    @Test
    void adminOfAListsOnlyA() {
        String tag = tree.town().name().replace("测试镇", "");
        given().auth().oauth2(adminA.token()).queryParam("q", tag).queryParam("limit", 200)
                .when().get("/api/v1/regions")
                .then().statusCode(200)
                .body("items.id", hasItem((int) tree.buildingA().id()))
                .body("items.id", not(hasItem((int) tree.buildingB().id())))
                .body("items.id", not(hasItem((int) tree.communityB().id())))
                .body("items.path", everyItem(startsWith(tree.communityA().path())));
        // asking for B's children explicitly does not help
        given().auth().oauth2(adminA.token()).queryParam("parentId", tree.communityB().id())
                .when().get("/api/v1/regions").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        // the town admin sees both
        given().auth().oauth2(townAdmin.token()).queryParam("q", tag).queryParam("limit", 200)
                .when().get("/api/v1/regions").then().statusCode(200)
                .body("items.id", hasItem((int) tree.buildingB().id()))
                .body("items.id", hasItem((int) tree.buildingA().id()));
    }

    @Test
    void adminOfAExportsOnlyA() {
        given().auth().oauth2(adminA.token()).queryParam("depth", 3)
                .when().get("/api/v1/regions/" + tree.communityA().id() + "/geojson")
                .then().statusCode(200)
                .body("features.properties.code", hasItem(tree.buildingA().code()))
                .body("features.properties.code", not(hasItem(tree.buildingB().code())));
        given().auth().oauth2(adminA.token()).when().get("/api/v1/regions/" + tree.buildingA().id() + "/ancestors")
                .then().statusCode(200)
                .body("id", not(hasItem((int) tree.town().id())))
                .body("id", not(hasItem((int) tree.county().id())));
    }

    @Test
    void communityAdminCannotImportAtAll() {
        importAs(adminA.token(), List.of(feature(tree.compoundB().code() + "-N", tree.communityB().code(), "COMPOUND",
                box(tree.compoundB(), 0.001))))
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void townAdminImportsUnderTheirTownOnly() {
        RegionFixture.Node a = tree.communityA();
        // a new compound in community A: fine
        importAs(townAdmin.token(), List.of(feature(a.code() + "-N1", a.code(), "COMPOUND", box(a, 0.003))))
                .statusCode(200).body("created", equalTo(1));
        // a compound under the other town's tree, or a new town under the county: refused, nothing written
        importAs(townAdmin.token(), List.of(
                feature(a.code() + "-N2", a.code(), "COMPOUND", box(a, 0.002)),
                feature(otherTown.code() + "-C", otherTown.code(), "COMMUNITY", box(otherTown, 0.01)),
                feature(tree.town().code() + "-T2", RegionFixture.COUNTY_CODE, "TOWN", box(otherTown, 0.02))))
                .statusCode(422).body("code", equalTo("IMPORT_REJECTED"))
                .body("features.index", org.hamcrest.Matchers.contains(1, 2));
        given().auth().oauth2(townAdmin.token()).queryParam("q", a.code() + "-N2").when().get("/api/v1/regions")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void townAdminCannotCreateOrChangeACounty() {
        importAs(townAdmin.token(), List.of(RegionFixture.county()))
                .statusCode(422).body("features[0].code", equalTo(RegionFixture.COUNTY_CODE));
        importAs(townAdmin.token(), List.of(feature("NEW-COUNTY-" + tree.town().code(), null, "COUNTY",
                RegionFixture.polygon(100, 20, 101, 21))))
                .statusCode(422);
        // nor move a node of the other town into theirs
        importAs(townAdmin.token(), List.of(feature(otherTown.code(), RegionFixture.COUNTY_CODE, "TOWN",
                box(otherTown, 0.05)))).statusCode(422);
    }

    @Test
    void residentsLocateButDoNotBrowse() {
        TestTokens.Resident resident = TestTokens.resident();
        given().auth().oauth2(resident.token()).when().get("/api/v1/regions/" + tree.communityA().id())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(resident.token()).queryParam("lng", 115.0).queryParam("lat", 35.5)
                .queryParam("coordType", "wgs84").when().get("/api/v1/regions/locate")
                .then().statusCode(200);
        given().queryParam("lng", 115.0).queryParam("lat", 35.5).when().get("/api/v1/regions/locate")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/regions/" + tree.communityA().id()).then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse importAs(String token, List<Map<String, Object>> features) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(RegionFixture.collection(features)).when().post("/api/v1/regions/import").then();
    }

    private static Map<String, Object> feature(String code, String parentCode, String level, Map<String, Object> geometry) {
        return RegionFixture.feature(code, parentCode, code + "名", level, geometry);
    }

    /** A small square inside {@code node} (which was made with half-size ≥ 0.01 around its centre). */
    private static Map<String, Object> box(RegionFixture.Node node, double half) {
        double[] c = RegionFixture.centre(node);
        return RegionFixture.polygon(c[0] - half, c[1] - half, c[0] + half, c[1] + half);
    }
}
