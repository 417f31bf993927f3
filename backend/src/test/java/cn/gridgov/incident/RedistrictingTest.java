package cn.gridgov.incident;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.notify.feed.FeedClient;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Re-districting: when an import moves a node, its incidents (and who owns and supervises them) move with it. */
@QuarkusTest
class RedistrictingTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @Test
    void movingACompoundToAnotherCommunityMovesItsIncidentsToThatCommunity() {
        IncidentFixture f = new IncidentFixture();
        RegionFixture.Tree tree = f.tree;
        TestTokens.Staff county = TestTokens.staffOn(tree.county(), Role.COUNTY_ADMIN);
        long id = f.reported("0101"); // handled by the community: owned by community A
        f.get(f.adminA.token(), id).statusCode(200).body("ownerRegionId", equalTo((int) tree.communityA().id()));

        try (FeedClient feedA = FeedClient.withHeader(FeedClient.feedUri(base.toString(), null), f.adminA.token());
             FeedClient feedB = FeedClient.withHeader(FeedClient.feedUri(base.toString(), null), f.adminB.token())) {
            moveCompoundAToCommunityB(tree);

            f.get(f.adminA.token(), id).statusCode(404).body("code", equalTo("INCIDENT_NOT_FOUND"));
            f.act(f.adminA.token(), id, "ACCEPT").statusCode(404);
            list(f.adminA.token()).body("items.id", not(hasItem((int) id)));

            f.get(f.adminB.token(), id).statusCode(200)
                    .body("region.communityId", equalTo((int) tree.communityB().id()))
                    .body("region.compoundId", equalTo((int) tree.compoundA().id()))
                    .body("region.townId", equalTo((int) tree.town().id()))
                    .body("ownerRegionId", equalTo((int) tree.communityB().id()))
                    .body("allowedActions", hasItem("ACCEPT"));
            list(f.adminB.token()).body("items.id", hasItem((int) id));
            f.act(f.adminB.token(), id, "ACCEPT").statusCode(200).body("status", equalTo("ACCEPTED"));

            f.get(county.token(), id).statusCode(200);
            list(county.token()).body("items.id", hasItem((int) id));
            f.get(f.townAdmin.token(), id).statusCode(200);

            // the feed follows: B hears about the incident now, A does not (a later event of A's proves its turn came)
            feedB.await(FeedClient.event(id, "transitioned"), WAIT);
            Map<String, Object> inA = f.body("0101", 0, List.of());
            inA.put("location", Map.of("lng", tree.communityA().lng() - 0.018, "lat", tree.communityA().lat() + 0.018,
                    "coordType", "wgs84"));
            long stillA = f.report(f.resident.token(), inA, UUID.randomUUID().toString()).statusCode(201)
                    .body("region.communityId", equalTo((int) tree.communityA().id())).extract().jsonPath().getLong("id");
            feedA.await(FeedClient.event(stillA, "created"), WAIT);
            // nothing after the move (the report's own "created" may still reach A: the feed delivers in batches
            // every 100 ms, and A's connection can open between the report's commit and that batch)
            assertEquals(List.of(), feedA.about(id).stream().filter(e -> !"created".equals(e.getString("type"))).toList());
        }
    }

    @Test
    void aMoveToAnotherTownHandsOwnerAndSupervisionToTheNodesOfTheNewChain() {
        IncidentFixture f = new IncidentFixture();
        RegionFixture.Tree tree = f.tree;
        RegionFixture.Node a = tree.compoundA();
        RegionFixture.Node town2 = RegionFixture.node(a.code() + "-T2", a.name() + "二镇", "TOWN", tree.county(),
                a.lng(), a.lat(), 0.05);
        RegionFixture.Node communityC = RegionFixture.node(a.code() + "-C", a.name() + "丙社区", "COMMUNITY", town2,
                a.lng(), a.lat(), 0.02);
        TestTokens.Staff adminC = TestTokens.staffOn(communityC, Role.COMMUNITY_ADMIN);
        TestTokens.Staff town2Admin = TestTokens.staffOn(town2, Role.TOWN_ADMIN);
        long id = f.reported("0101");
        // as if supervision had pressed on it from the town above its owner (the level reached is kept as a path)
        IncidentFixture.pool().preparedQuery("""
                        INSERT INTO incident_supervision (incident_id, level, supervisor_path)
                        VALUES ($1, 1, text2ltree($2))""")
                .execute(Tuple.of(id, tree.town().path())).await().atMost(Duration.ofSeconds(10));

        RegionFixture.imported(RegionFixture.withCounty(RegionFixture.feature(a.code(), communityC.code(), a.name(),
                        "COMPOUND", RegionFixture.polygon(a.lng() - 0.01, a.lat() - 0.01, a.lng() + 0.01, a.lat() + 0.01))))
                .body("state", equalTo("SUCCEEDED"));

        f.get(f.townAdmin.token(), id).statusCode(404);
        f.get(f.adminA.token(), id).statusCode(404);
        f.get(town2Admin.token(), id).statusCode(200).body("region.townId", equalTo((int) town2.id()));
        f.get(adminC.token(), id).statusCode(200)
                .body("region.communityId", equalTo((int) communityC.id()))
                .body("ownerRegionId", equalTo((int) communityC.id()));
        f.act(adminC.token(), id, "ACCEPT").statusCode(200);
        String supervisor = IncidentFixture.pool()
                .preparedQuery("SELECT ltree2text(supervisor_path) AS p FROM incident_supervision WHERE incident_id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next().getString("p");
        assertEquals(town2.path(), supervisor);
    }

    /**
     * Re-imports community B grown over compound A's ground, and compound A (same place, same building) with
     * community B as its parent.
     */
    private static void moveCompoundAToCommunityB(RegionFixture.Tree tree) {
        RegionFixture.Node a = tree.compoundA();
        RegionFixture.Node b = tree.communityB();
        Map<String, Object> communityB = RegionFixture.feature(b.code(), tree.town().code(), b.name(), "COMMUNITY",
                RegionFixture.polygon(a.lng() - 0.015, b.lat() - 0.015, b.lng() + 0.01, b.lat() + 0.015));
        Map<String, Object> compoundA = RegionFixture.feature(a.code(), b.code(), a.name(), "COMPOUND",
                RegionFixture.polygon(a.lng() - 0.01, a.lat() - 0.01, a.lng() + 0.01, a.lat() + 0.01));
        RegionFixture.imported(RegionFixture.withCounty(communityB, compoundA))
                .body("state", equalTo("SUCCEEDED"));
    }

    private static io.restassured.response.ValidatableResponse list(String token) {
        return given().auth().oauth2(token).queryParam("limit", 200).when().get("/api/v1/incidents").then()
                .statusCode(200);
    }
}
