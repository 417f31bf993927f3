package cn.gridgov.volunteer;

import cn.gridgov.identity.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static cn.gridgov.volunteer.VolunteerFixture.POINTS;
import static cn.gridgov.volunteer.VolunteerFixture.REWARDS;
import static cn.gridgov.volunteer.VolunteerFixture.as;
import static cn.gridgov.volunteer.VolunteerFixture.count;
import static cn.gridgov.volunteer.VolunteerFixture.parallel;
import static cn.gridgov.volunteer.VolunteerFixture.volunteer;
import static cn.gridgov.volunteer.VolunteerFixture.volunteerId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Points from outside: corrections, redeeming rewards (never overdrawn, stock never negative, also at once), leaderboards. */
@QuarkusTest
class VolunteerPointsTest {

    @Test
    void tenSpendsAtOnceTakeOnlyWhatTheBalanceAffords() {
        VolunteerFixture f = new VolunteerFixture();
        TestTokens.Resident v = volunteer(f.party.tree.communityA().id(), f.phone());
        long id = volunteerId(v.token());
        correct(f.party.adminA.token(), id, 10, "活动补记").statusCode(201).body("balanceAfter", equalTo(10));
        long reward = reward(f.party.adminA.token(), f.party.tree.communityA().id(), 3, 100);

        List<Callable<Integer>> spends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            spends.add(() -> as(v.token()).post(REWARDS + "/" + reward + "/redeem").then().extract().statusCode());
        }
        List<Integer> statuses = parallel(spends);
        assertEquals(3, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        as(v.token()).get(POINTS + "/mine").then().statusCode(200).body("balance", equalTo(1)).body("earned", equalTo(10));
        assertEquals(0, count("SELECT count(*) FROM volunteer_points WHERE volunteer_id = $1 AND balance_after < 0", id));
        assertEquals(3, count("SELECT count(*) FROM volunteer_redemption WHERE volunteer_id = $1", id));
        assertEquals(97, count("SELECT stock FROM volunteer_reward WHERE id = $1", reward));
        as(v.token()).post(REWARDS + "/" + reward + "/redeem").then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_POINTS")).body("detail", containsString("积分余额不足"));
        assertEquals(97, count("SELECT stock FROM volunteer_reward WHERE id = $1", reward), "a refused spend takes no stock");
    }

    @Test
    void stockNeverGoesNegativeWhenManyRedeemTheLastItems() {
        VolunteerFixture f = new VolunteerFixture();
        long reward = reward(f.party.adminA.token(), f.party.tree.communityA().id(), 2, 2);
        List<TestTokens.Resident> volunteers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestTokens.Resident v = volunteer(f.party.tree.communityA().id(), f.phone());
            correct(f.party.adminA.token(), volunteerId(v.token()), 5, "开户积分").statusCode(201);
            volunteers.add(v);
        }
        List<Callable<Response>> redeems = new ArrayList<>();
        for (TestTokens.Resident v : volunteers) {
            redeems.add(() -> as(v.token()).post(REWARDS + "/" + reward + "/redeem"));
        }
        List<Response> answers = parallel(redeems);
        assertEquals(2, answers.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(3, answers.stream().filter(r -> r.statusCode() == 409 && r.asString().contains("OUT_OF_STOCK")).count());
        assertEquals(0, count("SELECT stock FROM volunteer_reward WHERE id = $1", reward));
        assertEquals(2 * 3 + 3 * 5, count("SELECT sum(t.balance) FROM volunteer_points_total t JOIN volunteer v "
                + "ON v.id = t.volunteer_id WHERE v.community_id = $1", f.party.tree.communityA().id()),
                "the winners paid 2 each, the others kept their 5");
        as(f.party.adminA.token()).body(Map.of("add", 3)).post(REWARDS + "/" + reward + "/restock").then().statusCode(200)
                .body("stock", equalTo(3));
        as(f.party.adminB.token()).body(Map.of("add", 3)).post(REWARDS + "/" + reward + "/restock").then().statusCode(404);
    }

    @Test
    void correctionsNeedAReasonNeverOverdrawAndTheLedgerIsAppendOnly() {
        VolunteerFixture f = new VolunteerFixture();
        TestTokens.Resident v = volunteer(f.party.tree.communityA().id(), f.phone());
        long id = volunteerId(v.token());
        as(f.party.adminA.token()).body(Map.of("amount", 5)).post(POINTS + "/" + id + "/corrections").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].message", containsString("原因"));
        correct(f.party.adminA.token(), id, 0, "零").statusCode(400).body("code", equalTo("ZERO_CORRECTION"));
        correct(f.party.adminB.token(), id, 5, "越权").statusCode(404).body("code", equalTo("VOLUNTEER_NOT_FOUND"));
        correct(f.party.adminA.token(), id, 8, "补记三月活动").statusCode(201);
        correct(f.party.adminA.token(), id, -9, "多扣").statusCode(409).body("code", equalTo("INSUFFICIENT_POINTS"));
        correct(f.party.adminA.token(), id, -3, "重复记分更正").statusCode(201).body("balanceAfter", equalTo(5))
                .body("kind", equalTo("CORRECTION"));
        as(f.party.adminA.token()).get(POINTS + "/" + id).then().statusCode(200).body("balance", equalTo(5))
                .body("items.reason", equalTo(List.of("重复记分更正", "补记三月活动")));
        as(f.party.adminB.token()).get(POINTS + "/" + id).then().statusCode(404);

        Pool pool = Arc.container().instance(Pool.class).get();
        for (String sql : List.of("UPDATE volunteer_points SET amount = 100 WHERE volunteer_id = $1",
                "DELETE FROM volunteer_points WHERE volunteer_id = $1")) {
            PgException e = assertThrows(PgException.class, () -> pool.preparedQuery(sql).execute(Tuple.of(id))
                    .await().atMost(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
        PgException e = assertThrows(PgException.class, () -> pool.preparedQuery("INSERT INTO volunteer_points (volunteer_id, "
                + "kind, amount, balance_after, reason, created_at) VALUES ($1, 'CORRECTION', 1, 100, 'x', now())")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("does not continue"), e.getMessage());
    }

    @Test
    void leaderboardsRankByPointsEarnedWithMaskedNamesPerCommunityAndPartyOrganisation() {
        VolunteerFixture f = new VolunteerFixture();
        long community = f.party.tree.communityA().id();
        String firstPhone = f.phone();
        TestTokens.Resident first = volunteer(community, firstPhone);
        TestTokens.Resident second = volunteer(community, f.phone());
        correct(f.party.adminA.token(), volunteerId(first.token()), 30, "活动").statusCode(201);
        correct(f.party.adminA.token(), volunteerId(second.token()), 10, "活动").statusCode(201);
        long reward = reward(f.party.adminA.token(), community, 20, 5);
        as(first.token()).post(REWARDS + "/" + reward + "/redeem").then().statusCode(201).body("balance", equalTo(10));

        Response board = as(second.token()).queryParam("communityId", community).get("/api/v1/volunteer-leaderboard");
        board.then().statusCode(200).body("items[0].volunteerId", equalTo((int) volunteerId(first.token())))
                .body("items[0].earned", equalTo(30)).body("items[0].rank", equalTo(1))
                .body("items[0].name", equalTo("志" + "*".repeat(("志愿者" + firstPhone.substring(7)).length() - 1)))
                .body("items[1].earned", equalTo(10));
        assertFalse(board.asString().contains(firstPhone));
        as(f.party.adminA.token()).queryParam("communityId", community).get("/api/v1/volunteer-leaderboard").then()
                .statusCode(200).body("items.size()", equalTo(2));
        as(f.party.adminB.token()).queryParam("communityId", community).get("/api/v1/volunteer-leaderboard").then()
                .statusCode(404).body("code", equalTo("COMMUNITY_NOT_FOUND"));
        TestTokens.Resident elsewhere = volunteer(f.party.tree.communityB().id(), f.phone());
        as(elsewhere.token()).queryParam("communityId", community).get("/api/v1/volunteer-leaderboard").then().statusCode(404);
        as(f.party.adminA.token()).get("/api/v1/volunteer-leaderboard").then().statusCode(400)
                .body("code", equalTo("LEADERBOARD_TARGET"));

        // a Party member who volunteers counts on their organisation's board
        String memberPhone = f.phone();
        TestTokens.Resident member = TestTokens.resident();
        cn.gridgov.wechat.WeChatStub.phoneOk("pm-" + memberPhone, memberPhone);
        as(member.token()).body(new HashMap<>(Map.of("phoneCode", "pm-" + memberPhone, "name", "党员志愿者",
                "orgId", f.party.compoundOrgA, "inService", true))).post("/api/v1/party/members/me").then().statusCode(201);
        long memberVolunteer = VolunteerFixture.registerAs(member.token(), community, memberPhone);
        as(member.token()).get(VolunteerFixture.VOLUNTEERS + "/me").then().body("partyMember", equalTo(true));
        correct(f.party.adminA.token(), memberVolunteer, 7, "党员活动").statusCode(201);
        as(f.party.adminA.token()).queryParam("orgId", f.party.compoundOrgA).get("/api/v1/volunteer-leaderboard").then()
                .statusCode(200).body("items.volunteerId", equalTo(List.of((int) memberVolunteer)))
                .body("items[0].earned", equalTo(7));
        as(member.token()).queryParam("orgId", f.party.compoundOrgA).get("/api/v1/volunteer-leaderboard").then()
                .statusCode(200).body("items.volunteerId", hasItem((int) memberVolunteer));
        as(first.token()).queryParam("orgId", f.party.compoundOrgA).get("/api/v1/volunteer-leaderboard").then()
                .statusCode(404);
        as(f.party.adminB.token()).queryParam("orgId", f.party.compoundOrgA).get("/api/v1/volunteer-leaderboard").then()
                .statusCode(404);
        as(f.party.adminA.token()).queryParam("orgId", f.party.compoundOrgA).get("/api/v1/volunteer-leaderboard").then()
                .body("items.volunteerId", not(hasItem((int) volunteerId(first.token()))));
    }

    static io.restassured.response.ValidatableResponse correct(String token, long volunteerId, int amount, String reason) {
        return as(token).body(Map.of("amount", amount, "reason", reason)).post(POINTS + "/" + volunteerId + "/corrections")
                .then();
    }

    static long reward(String token, long communityId, int cost, int stock) {
        return as(token).body(Map.of("communityId", communityId, "name", "环保购物袋", "cost", cost, "stock", stock))
                .post(REWARDS).then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
