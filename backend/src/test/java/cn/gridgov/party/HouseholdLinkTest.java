package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.people.house.HouseholdRepository;
import cn.gridgov.people.house.RoomUse;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static cn.gridgov.party.PartyMemberTest.phone;
import static cn.gridgov.party.PartyMemberTest.selfRegistered;
import static cn.gridgov.party.PartyTreeFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Party member household links (党员联户) from outside: households of the member's building or compound only, at
 * most N (3 in tests) even when linked concurrently, and the households nobody looks after.
 */
@QuarkusTest
class HouseholdLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    HouseholdRepository households;

    private long household(RegionFixture.Node building, String number) {
        long room = households.insertRoom(pool, building.id(), null, number, 3, 80.0, RoomUse.SELF_OCCUPIED)
                .await().atMost(WAIT);
        return households.insertHousehold(pool, room, null).await().atMost(WAIT);
    }

    /** A member living in building A (approved dual registration), and their id. */
    private long memberOfBuildingA(PartyTreeFixture f, int n) {
        TestTokens.Resident member = selfRegistered(phone(f, n), f.compoundOrgA, true);
        long registration = as(member.token()).body(Map.of("communityId", f.tree.communityA().id(),
                "buildingId", f.tree.buildingA().id())).post("/api/v1/party/registrations").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(f.adminA.token()).body(Map.of("version", 0)).post("/api/v1/party/registrations/" + registration + "/approve")
                .then().statusCode(200);
        return as(member.token()).get("/api/v1/party/members/me").then().extract().jsonPath().getLong("id");
    }

    @Test
    void aMemberLooksAfterHouseholdsOfTheirOwnCompoundOnlyAndTheUnlinkedOnesAreListed() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        long member = memberOfBuildingA(f, 1);
        RegionFixture.Node neighbour = RegionFixture.node(f.tree.buildingA().code() + "-N", "甲2号楼" + f.tree.buildingA().id(),
                "BUILDING", f.tree.compoundA(), f.tree.buildingA().lng() + 0.001, f.tree.buildingA().lat(), 0);
        long own = household(f.tree.buildingA(), "101");
        long next = household(neighbour, "201");
        long nobody = household(f.tree.buildingA(), "102");
        long elsewhere = household(f.tree.buildingB(), "301");
        String url = "/api/v1/party/members/" + member + "/households";

        as(f.adminA.token()).body(Map.of("householdId", own)).post(url).then().statusCode(200)
                .body("householdId", equalTo(List.of((int) own))).body("[0].roomNumber", equalTo("101"));
        as(f.adminA.token()).body(Map.of("householdId", next)).post(url).then().statusCode(200)
                .body("householdId", equalTo(List.of((int) own, (int) next)));
        as(f.adminA.token()).body(Map.of("householdId", own)).post(url).then().statusCode(200)
                .body("size()", equalTo(2));
        as(f.town.token()).body(Map.of("householdId", elsewhere)).post(url).then().statusCode(422)
                .body("code", equalTo("HOUSEHOLD_TOO_FAR"));
        as(f.adminA.token()).body(Map.of("householdId", elsewhere)).post(url).then().statusCode(404)
                .body("code", equalTo("HOUSEHOLD_NOT_FOUND"));
        as(f.adminB.token()).body(Map.of("householdId", own)).post(url).then().statusCode(404);
        as(f.adminB.token()).get(url).then().statusCode(404);
        TestTokens.Staff worker = TestTokens.staffOn(f.tree.compoundA(), Role.GRID_WORKER);
        as(worker.token()).body(Map.of("householdId", nobody)).post(url).then().statusCode(403);
        as(worker.token()).get(url).then().statusCode(200).body("householdId", equalTo(List.of((int) own, (int) next)));

        as(f.adminA.token()).get("/api/v1/party/orgs/" + f.buildingOrgA + "/unlinked-households").then().statusCode(200)
                .body("items.householdId", equalTo(List.of((int) nobody)));
        as(f.adminA.token()).get("/api/v1/party/orgs/" + f.compoundOrgA + "/unlinked-households").then().statusCode(200)
                .body("items.householdId", equalTo(List.of((int) nobody)));
        as(f.adminB.token()).get("/api/v1/party/orgs/" + f.compoundOrgA + "/unlinked-households").then().statusCode(404);

        as(f.adminA.token()).delete(url + "/" + own).then().statusCode(204);
        as(f.adminA.token()).delete(url + "/" + own).then().statusCode(404).body("code", equalTo("HOUSEHOLD_LINK_NOT_FOUND"));
        as(f.adminA.token()).get("/api/v1/party/orgs/" + f.buildingOrgA + "/unlinked-households").then()
                .body("items.householdId", hasItem((int) own)).body("items.householdId", not(hasItem((int) next)));

        TestTokens.Resident unregistered = selfRegistered(phone(f, 2), f.compoundOrgA, true);
        long loose = as(unregistered.token()).get("/api/v1/party/members/me").then().extract().jsonPath().getLong("id");
        as(f.adminA.token()).body(Map.of("householdId", nobody)).post("/api/v1/party/members/" + loose + "/households")
                .then().statusCode(422).body("code", equalTo("NO_HOME_BUILDING"));
    }

    @Test
    void concurrentLinksNeverPassTheLimit() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        long member = memberOfBuildingA(f, 3);
        String url = "/api/v1/party/members/" + member + "/households";
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long id = household(f.tree.buildingA(), "50" + i);
            calls.add(CompletableFuture.supplyAsync(() -> as(f.adminA.token()).body(Map.of("householdId", id)).post(url)
                    .then().extract().statusCode()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        as(f.adminA.token()).get(url).then().statusCode(200).body("size()", equalTo(3));
    }
}
