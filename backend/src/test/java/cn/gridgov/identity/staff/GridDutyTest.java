package cn.gridgov.identity.staff;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** The responsible person for a node is found by walking up to the nearest node with someone on duty. */
@QuarkusTest
class GridDutyTest {

    @Test
    void responsibilityWalksUpToTheNearestNodeWithADuty() {
        RegionFixture.Tree tree = RegionFixture.create();
        TestTokens.Staff viewer = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);

        // nobody on duty anywhere yet
        responsible(viewer, tree.buildingA().id()).body("", empty());

        TestTokens.Staff leader = TestTokens.staffOn(tree.communityA(), Role.GRID_LEADER);
        responsible(viewer, tree.buildingA().id()).body("userId", contains((int) leader.userId()))
                .body("[0].regionId", equalTo((int) tree.communityA().id()))
                .body("[0].duty", equalTo("GRID_LEADER"));

        TestTokens.Staff worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
        responsible(viewer, tree.buildingA().id()).body("userId", contains((int) worker.userId()));

        TestTokens.Staff lead = TestTokens.staffOn(tree.buildingA(), Role.BUILDING_LEAD);
        responsible(viewer, tree.buildingA().id()).body("userId", contains((int) lead.userId()));
        // a duty filter skips nearer nodes of other duties
        given().auth().oauth2(viewer.token()).queryParam("regionId", tree.buildingA().id())
                .queryParam("duty", "GRID_LEADER").when().get("/api/v1/grid-duties/responsible")
                .then().statusCode(200).body("userId", contains((int) leader.userId()));

        // B's building has no one of its own; A's people are not B's
        responsible(viewer, tree.buildingB().id()).body("", empty());
        // outside the caller's scope: 404
        TestTokens.Staff adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
        given().auth().oauth2(adminB.token()).queryParam("regionId", tree.buildingA().id())
                .when().get("/api/v1/grid-duties/responsible").then().statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse responsible(TestTokens.Staff viewer, long regionId) {
        return given().auth().oauth2(viewer.token()).queryParam("regionId", regionId)
                .when().get("/api/v1/grid-duties/responsible").then().statusCode(200);
    }
}
