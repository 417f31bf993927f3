package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.gridgov.party.PartyTreeFixture.as;
import static cn.gridgov.party.PartyTreeFixture.create;
import static cn.gridgov.party.PartyTreeFixture.version;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Party tree from outside: reads in scope, the four-level structure, edits with versions, and their history. */
@QuarkusTest
class PartyOrgTreeTest {

    private static final String ORGS = "/api/v1/party/orgs";

    @Test
    void theFourLevelsAreSetUpUnderEachOtherAndReadLikeRegions() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        as(f.adminA.token()).get(ORGS + "/" + f.buildingOrgA).then().statusCode(200)
                .body("kind", equalTo("BUILDING_GROUP"))
                .body("name", equalTo(f.tree.buildingA().name() + "党小组"))
                .body("regionId", equalTo((int) f.tree.buildingA().id()))
                .body("parentId", equalTo((int) f.compoundOrgA))
                .body("memberCount", equalTo(0))
                .body("status", equalTo("ACTIVE"));
        as(f.adminA.token()).get(ORGS + "/" + f.compoundOrgA).then().statusCode(200)
                .body("secretary", equalTo("王芳")).body("parentId", equalTo((int) f.communityOrgA));
        as(f.town.token()).get(ORGS + "/" + f.townOrg + "/children").then().statusCode(200)
                .body("id", equalTo(List.of((int) f.communityOrgA, (int) f.communityOrgB)));
        as(f.town.token()).queryParam("regionId", f.tree.communityA().id()).get(ORGS).then().statusCode(200)
                .body("items.id", equalTo(List.of((int) f.communityOrgA, (int) f.compoundOrgA, (int) f.buildingOrgA)));
        as(f.town.token()).queryParam("regionId", f.tree.town().id()).queryParam("kind", "compound_branch")
                .get(ORGS).then().statusCode(200)
                .body("items.id", equalTo(List.of((int) f.compoundOrgA, (int) f.compoundOrgB)));
        as(f.town.token()).queryParam("regionId", f.tree.town().id()).queryParam("limit", 2).get(ORGS).then()
                .statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", not(nullValue()));
        as(f.town.token()).queryParam("kind", "PARTY").get(ORGS).then().statusCode(400).body("code", equalTo("BAD_KIND"));
    }

    @Test
    void organisationsOutsideTheCallersScopeLookAbsentAndOtherRolesAreRefused() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        as(f.adminB.token()).get(ORGS + "/" + f.compoundOrgA).then().statusCode(404)
                .body("code", equalTo("PARTY_ORG_NOT_FOUND"));
        as(f.adminB.token()).get(ORGS + "/" + f.compoundOrgA + "/children").then().statusCode(404);
        as(f.adminB.token()).get(ORGS + "/" + f.compoundOrgA + "/history").then().statusCode(404);
        as(f.adminB.token()).queryParam("regionId", f.tree.town().id()).get(ORGS).then().statusCode(200)
                .body("items.id", not(hasItem((int) f.compoundOrgA))).body("items.id", hasItem((int) f.compoundOrgB));
        as(f.adminB.token()).body(Map.of("version", 1, "name", "改名")).patch(ORGS + "/" + f.compoundOrgA).then()
                .statusCode(404);
        as(f.adminB.token()).body(Map.of("kind", "BUILDING_GROUP", "regionId", f.tree.buildingA().id()))
                .post(ORGS).then().statusCode(404);
        // a community admin cannot touch the town's committee above it
        as(f.adminA.token()).body(Map.of("version", 0, "name", "改名")).patch(ORGS + "/" + f.townOrg).then()
                .statusCode(404);

        TestTokens.Staff worker = TestTokens.staffOn(f.tree.compoundA(), Role.GRID_WORKER);
        as(worker.token()).get(ORGS + "/" + f.compoundOrgA).then().statusCode(200);
        as(worker.token()).body(Map.of("version", 0, "name", "改名")).patch(ORGS + "/" + f.compoundOrgA).then()
                .statusCode(403);
        as(worker.token()).body(Map.of("kind", "BUILDING_GROUP", "regionId", f.tree.buildingA().id())).post(ORGS)
                .then().statusCode(403);
        as(TestTokens.resident().token()).get(ORGS + "/" + f.compoundOrgA).then().statusCode(403);
    }

    @Test
    void anInvalidStructureIsRefusedWithTheRuleInChinese() {
        PartyTreeFixture f = new PartyTreeFixture();
        f.townOrg = create(f.county.token(), Map.of("kind", "TOWN_COMMITTEE", "regionId", f.tree.town().id()));
        // a building group on a compound
        as(f.town.token()).body(Map.of("kind", "BUILDING_GROUP", "regionId", f.tree.compoundA().id())).post(ORGS)
                .then().statusCode(422).body("code", equalTo("INVALID_ORG_STRUCTURE"))
                .body("detail", containsString("楼栋党小组只能设在楼栋上"));
        // a compound branch whose community has no committee yet
        as(f.town.token()).body(Map.of("kind", "COMPOUND_BRANCH", "regionId", f.tree.compoundA().id())).post(ORGS)
                .then().statusCode(422).body("detail", containsString("该上级节点尚无党组织"));
        f.communityOrgA = create(f.town.token(), Map.of("kind", "COMMUNITY_COMMITTEE", "regionId", f.tree.communityA().id()));
        f.compoundOrgA = create(f.adminA.token(), Map.of("kind", "COMPOUND_BRANCH", "regionId", f.tree.compoundA().id()));
        // a building group put straight under the community committee, skipping its compound's branch
        as(f.adminA.token()).body(Map.of("kind", "BUILDING_GROUP", "regionId", f.tree.buildingA().id(),
                        "parentId", f.communityOrgA)).post(ORGS)
                .then().statusCode(422).body("detail", containsString("楼栋党小组须设在上级节点的小区党支部"));
        // the node has its organisation already
        as(f.adminA.token()).body(Map.of("kind", "COMPOUND_BRANCH", "regionId", f.tree.compoundA().id())).post(ORGS)
                .then().statusCode(409).body("code", equalTo("ORG_EXISTS"));
        // a joint branch needs two nodes of its own community
        as(f.adminA.token()).body(Map.of("kind", "JOINT_BRANCH", "parentId", f.communityOrgA, "name", "联合",
                        "coveredRegionIds", List.of(f.tree.compoundA().id()))).post(ORGS)
                .then().statusCode(422).body("detail", containsString("至少覆盖2个"));
        f.communityOrgB = create(f.town.token(), Map.of("kind", "COMMUNITY_COMMITTEE", "regionId", f.tree.communityB().id()));
        as(f.town.token()).body(Map.of("kind", "JOINT_BRANCH", "parentId", f.communityOrgA, "name", "联合",
                        "coveredRegionIds", List.of(f.tree.compoundA().id(), f.tree.compoundB().id()))).post(ORGS)
                .then().statusCode(422).body("detail", containsString("本社区内的小区或楼栋"));
        as(f.adminA.token()).body(Map.of("kind", "JOINT_BRANCH", "regionId", f.tree.compoundA().id(), "name", "联合"))
                .post(ORGS).then().statusCode(400).body("code", equalTo("NOT_LEADING_A_NODE"));
        as(f.adminA.token()).body(Map.of("regionId", f.tree.compoundA().id())).post(ORGS).then().statusCode(400)
                .body("errors[0].message", containsString("组织类型"));
    }

    @Test
    void aJointBranchCoversSeveralCompoundsAndBuildingGroupsMaySitUnderIt() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        RegionFixture.Node second = RegionFixture.node(f.tree.compoundA().code() + "-2", "甲二小区" + f.tree.compoundA().id(),
                "COMPOUND", f.tree.communityA(), f.tree.compoundA().lng() + 0.005, f.tree.compoundA().lat(), 0.002);
        RegionFixture.Node building = RegionFixture.node(second.code() + "-1", "甲二1号楼" + second.id(), "BUILDING",
                second, second.lng(), second.lat(), 0);
        long joint = as(f.adminA.token()).body(Map.of("kind", "JOINT_BRANCH", "parentId", f.communityOrgA,
                        "name", "甲东片联合党支部", "coveredRegionIds", List.of(f.tree.compoundA().id(), second.id())))
                .post(ORGS).then().statusCode(201).header("Location", containsString(ORGS + "/"))
                .body("regionId", nullValue()).body("nodeId", equalTo((int) f.tree.communityA().id()))
                .body("parentId", equalTo((int) f.communityOrgA))
                .body("coveredRegionIds", equalTo(List.of((int) f.tree.compoundA().id(), (int) second.id())))
                .extract().jsonPath().getLong("id");
        long group = create(f.adminA.token(), Map.of("kind", "BUILDING_GROUP", "regionId", building.id(),
                "parentId", joint));
        as(f.adminA.token()).get(ORGS + "/" + joint + "/children").then().statusCode(200)
                .body("id", equalTo(List.of((int) group)));
        as(f.adminA.token()).get(ORGS + "/" + f.communityOrgA + "/children").then().statusCode(200)
                .body("id", hasItems((int) f.compoundOrgA, (int) joint));
        as(f.adminB.token()).get(ORGS + "/" + joint).then().statusCode(404);
    }

    @Test
    void editsNeedTheCurrentVersionAndEveryChangeIsKeptInTheHistory() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        String url = ORGS + "/" + f.compoundOrgA;
        as(f.adminA.token()).body(Map.of("version", 0, "name", "甲小区第一党支部")).patch(url).then().statusCode(200)
                .body("name", equalTo("甲小区第一党支部")).body("version", equalTo(1)).body("secretary", equalTo("王芳"));
        as(f.adminA.token()).body(Map.of("version", 0, "secretary", "李四")).patch(url).then().statusCode(409)
                .body("code", equalTo("STALE_VERSION"));
        as(f.town.token()).body(Map.of("version", 1, "secretary", "李四", "contact", "0551-1234")).patch(url).then()
                .statusCode(200).body("secretary", equalTo("李四")).body("contact", equalTo("0551-1234"));
        as(f.adminA.token()).body(Map.of("version", 2, "secretary", "张伟")).patch(url).then().statusCode(200);
        as(f.adminA.token()).body(Map.of("version", 3, "name", "")).patch(url).then().statusCode(400);
        as(f.adminA.token()).get(url + "/history").then().statusCode(200)
                .body("items.action", equalTo(List.of("CREATED", "RENAMED", "UPDATED", "SECRETARY_CHANGED")))
                .body("items[1].before.name", equalTo(f.tree.compoundA().name() + "党支部"))
                .body("items[1].after.name", equalTo("甲小区第一党支部"))
                .body("items[3].before.secretary", equalTo("李四"))
                .body("items[3].after.secretary", equalTo("张伟"))
                .body("items[3].actorUserId", equalTo((int) f.adminA.userId()));

        Pool pool = Arc.container().instance(Pool.class).get();
        RuntimeException refused = assertThrows(RuntimeException.class, () -> pool
                .preparedQuery("UPDATE party_org_history SET action = 'X' WHERE org_id = $1").execute(Tuple.of(f.compoundOrgA))
                .await().atMost(Duration.ofSeconds(10)));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertThrows(RuntimeException.class, () -> pool
                .preparedQuery("DELETE FROM party_org_history WHERE org_id = $1").execute(Tuple.of(f.compoundOrgA))
                .await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void mergingHandsOverNodesAndChildrenAndDissolvingNeedsAnEmptyOrganisation() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        RegionFixture.Node second = RegionFixture.node(f.tree.compoundA().code() + "-M", "甲三小区" + f.tree.compoundA().id(),
                "COMPOUND", f.tree.communityA(), f.tree.compoundA().lng() - 0.005, f.tree.compoundA().lat(), 0.002);
        long secondOrg = create(f.adminA.token(), Map.of("kind", "COMPOUND_BRANCH", "regionId", second.id()));

        as(f.adminA.token()).body(Map.of("version", 0, "intoId", f.communityOrgA)).post(ORGS + "/" + f.compoundOrgA + "/merge")
                .then().statusCode(422).body("code", equalTo("INVALID_ORG_STRUCTURE"));
        as(f.adminA.token()).body(Map.of("version", 9, "intoId", secondOrg)).post(ORGS + "/" + f.compoundOrgA + "/merge")
                .then().statusCode(409).body("code", equalTo("STALE_VERSION"));
        as(f.adminA.token()).body(Map.of("version", version(f.adminA.token(), f.compoundOrgA), "intoId", secondOrg))
                .post(ORGS + "/" + f.compoundOrgA + "/merge").then().statusCode(200)
                .body("id", equalTo((int) secondOrg))
                .body("coveredRegionIds", equalTo(List.of((int) f.tree.compoundA().id())));
        as(f.adminA.token()).get(ORGS + "/" + f.compoundOrgA).then().statusCode(200)
                .body("status", equalTo("MERGED")).body("mergedIntoId", equalTo((int) secondOrg))
                .body("regionId", nullValue());
        as(f.adminA.token()).get(ORGS + "/" + secondOrg + "/children").then().statusCode(200)
                .body("id", equalTo(List.of((int) f.buildingOrgA)));
        as(f.adminA.token()).get(ORGS + "/" + f.buildingOrgA).then().body("parentId", equalTo((int) secondOrg));
        as(f.adminA.token()).get(ORGS + "/" + secondOrg + "/history").then()
                .body("items.action", equalTo(List.of("CREATED", "MERGED_IN")));
        as(f.adminA.token()).body(Map.of("version", 5, "name", "x")).patch(ORGS + "/" + f.compoundOrgA).then()
                .statusCode(409).body("code", equalTo("ORG_ENDED"));

        as(f.adminA.token()).body(Map.of("version", version(f.adminA.token(), secondOrg)))
                .post(ORGS + "/" + secondOrg + "/dissolve").then().statusCode(409).body("code", equalTo("ORG_HAS_CHILDREN"));
        as(f.adminA.token()).body(Map.of("version", version(f.adminA.token(), f.buildingOrgA), "reason", "楼栋拆除"))
                .post(ORGS + "/" + f.buildingOrgA + "/dissolve").then().statusCode(200)
                .body("status", equalTo("DISSOLVED")).body("regionId", nullValue())
                .body("nodeId", equalTo((int) f.tree.buildingA().id()));
        // the node is free again: a new group may lead it
        long again = create(f.adminA.token(), Map.of("kind", "BUILDING_GROUP", "regionId", f.tree.buildingA().id(),
                "parentId", secondOrg));
        assertTrue(again > f.buildingOrgA);
        as(f.adminA.token()).queryParam("regionId", f.tree.communityA().id()).get(ORGS).then()
                .body("items.id", not(hasItem((int) f.buildingOrgA))).body("items.id", hasItem((int) again));
    }

    @Test
    void theRegionImportStillWritesTheSameOrganisationsAndMovesTheirVersion() {
        RegionFixture.SmallTree small = new RegionFixture.SmallTree();
        RegionFixture.imported(small.file());
        long compound = small.id(small.compoundA);
        TestTokens.Staff county = TestTokens.staffOn(RegionFixture.testCounty(), Role.COUNTY_ADMIN);
        long org = as(county.token()).queryParam("regionId", compound).queryParam("kind", "COMPOUND_BRANCH").get(ORGS)
                .then().statusCode(200).body("items.name", equalTo(List.of(small.cell.code("甲小区第一党支部"))))
                .extract().jsonPath().getLong("items[0].id");
        as(county.token()).get(ORGS + "/" + org).then().body("secretary", equalTo("王芳"));
        int before = version(county.token(), org);
        RegionFixture.props(small.compoundA).put("partyOrg", Map.of("name", small.cell.code("甲小区党支部"), "secretary", "赵六"));
        RegionFixture.imported(small.file());
        as(county.token()).get(ORGS + "/" + org).then().statusCode(200)
                .body("name", equalTo(small.cell.code("甲小区党支部"))).body("secretary", equalTo("赵六"))
                .body("version", equalTo(before + 1));
        as(county.token()).body(Map.of("version", before, "secretary", "钱七")).patch(ORGS + "/" + org).then()
                .statusCode(409);
        assertEquals(200, as(county.token()).get("/api/v1/regions/" + compound).then().extract().statusCode());
    }
}
