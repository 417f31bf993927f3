package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.gridgov.party.PartyMemberTest.count;
import static cn.gridgov.party.PartyMemberTest.phone;
import static cn.gridgov.party.PartyMemberTest.selfRegistered;
import static cn.gridgov.party.PartyTreeFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Dual registration (双报到) from outside: register, approve into the rosters, refuse, appeal once, and be told. */
@QuarkusTest
class DualRegistrationTest {

    private static final String REGISTRATIONS = "/api/v1/party/registrations";

    @Test
    void anApprovedMemberJoinsTheCommunityAndBuildingRostersAndIsTold() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        String phone = phone(f, 1);
        TestTokens.Resident member = selfRegistered(phone, f.compoundOrgB, true);
        long memberId = as(member.token()).get("/api/v1/party/members/me").then().extract().jsonPath().getLong("id");

        long id = as(member.token()).body(Map.of("communityId", f.tree.communityA().id(), "buildingId", f.tree.buildingA().id()))
                .post(REGISTRATIONS).then().statusCode(201).body("status", equalTo("PENDING"))
                .body("communityName", equalTo(f.tree.communityA().name())).extract().jsonPath().getLong("id");
        as(member.token()).body(Map.of("communityId", f.tree.communityA().id())).post(REGISTRATIONS).then()
                .statusCode(409).body("code", equalTo("ALREADY_REGISTERED"));

        // another community's admin cannot see or decide it; a grid worker may not decide
        as(f.adminB.token()).body(Map.of("version", 0)).post(REGISTRATIONS + "/" + id + "/approve").then().statusCode(404)
                .body("code", equalTo("REGISTRATION_NOT_FOUND"));
        as(f.adminB.token()).get(REGISTRATIONS + "/" + id).then().statusCode(404);
        TestTokens.Staff worker = TestTokens.staffOn(f.tree.communityA(), Role.GRID_LEADER);
        as(worker.token()).body(Map.of("version", 0)).post(REGISTRATIONS + "/" + id + "/approve").then().statusCode(403);
        as(member.token()).body(Map.of("version", 0)).post(REGISTRATIONS + "/" + id + "/approve").then().statusCode(403);
        as(f.adminA.token()).body(Map.of("version", 7)).post(REGISTRATIONS + "/" + id + "/approve").then().statusCode(409)
                .body("code", equalTo("STALE_VERSION"));

        Response listed = as(f.adminA.token()).queryParam("status", "pending").get(REGISTRATIONS);
        listed.then().statusCode(200).body("items.id", hasItem((int) id));
        assertFalse(listed.asString().contains(phone), "phones are masked in the list");
        as(f.adminB.token()).get(REGISTRATIONS).then().statusCode(200).body("items.id", not(hasItem((int) id)));

        as(f.adminA.token()).body(Map.of("version", 0)).post(REGISTRATIONS + "/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("canAppeal", equalTo(false));
        as(f.adminA.token()).body(Map.of("version", 1)).post(REGISTRATIONS + "/" + id + "/approve").then().statusCode(409)
                .body("code", equalTo("NOT_PENDING"));
        assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1 AND event_type = 'PARTY_REG' "
                + "AND template_id = 'tpl-registration' AND payload->'data'->'phrase1'->>'value' = '已通过'", member.userId()));

        for (long org : List.of(f.communityOrgA, f.buildingOrgA)) {
            Response roster = as(f.adminA.token()).get("/api/v1/party/orgs/" + org + "/roster");
            roster.then().statusCode(200).body("items.memberId", hasItem((int) memberId))
                    .body("items.find { it.memberId == " + memberId + " }.relation", equalTo("REGISTERED"))
                    .body("items.find { it.memberId == " + memberId + " }.phone",
                            equalTo(phone.substring(0, 3) + "****" + phone.substring(7)));
            assertFalse(roster.asString().contains(phone), "phones are masked in the roster");
        }
        as(f.adminB.token()).get("/api/v1/party/orgs/" + f.compoundOrgB + "/roster").then().statusCode(200)
                .body("items.find { it.memberId == " + memberId + " }.relation", equalTo("HOME"));
        as(f.adminB.token()).get("/api/v1/party/orgs/" + f.communityOrgB + "/roster").then().statusCode(200)
                .body("items.memberId", not(hasItem((int) memberId)));
        as(f.adminB.token()).get("/api/v1/party/orgs/" + f.buildingOrgA + "/roster").then().statusCode(404);
        // a registered member is visible to the community they registered with
        as(f.adminA.token()).get("/api/v1/party/members/" + memberId).then().statusCode(200);
    }

    @Test
    void aRefusalCarriesItsReasonAndCanBeAppealedOnce() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        TestTokens.Resident member = selfRegistered(phone(f, 2), f.compoundOrgA, true);
        long id = as(member.token()).body(Map.of("communityId", f.tree.communityB().id())).post(REGISTRATIONS).then()
                .statusCode(201).extract().jsonPath().getLong("id");
        as(f.adminB.token()).body(Map.of("version", 0)).post(REGISTRATIONS + "/" + id + "/refuse").then().statusCode(400);
        as(f.adminB.token()).body(Map.of("version", 0, "reason", "经核实不在本社区居住"))
                .post(REGISTRATIONS + "/" + id + "/refuse").then().statusCode(200)
                .body("status", equalTo("REFUSED")).body("refusalReason", equalTo("经核实不在本社区居住"))
                .body("canAppeal", equalTo(true));
        assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1 AND event_type = 'PARTY_REG' "
                + "AND payload->'data'->'thing3'->>'value' = '经核实不在本社区居住'", member.userId()));
        as(member.token()).get(REGISTRATIONS + "/mine").then().statusCode(200)
                .body("[0].status", equalTo("REFUSED")).body("[0].canAppeal", equalTo(true));
        // registering again with the same community is not the way back: the appeal is
        as(member.token()).body(Map.of("communityId", f.tree.communityB().id())).post(REGISTRATIONS).then().statusCode(409);

        TestTokens.Resident stranger = selfRegistered(phone(f, 3), f.compoundOrgA, true);
        as(stranger.token()).body(Map.of("version", 1, "reason", "不是我的")).post(REGISTRATIONS + "/" + id + "/appeal")
                .then().statusCode(404);
        as(member.token()).body(Map.of("version", 1, "reason", "已在本社区居住三年")).post(REGISTRATIONS + "/" + id + "/appeal")
                .then().statusCode(200).body("status", equalTo("PENDING")).body("appealReason", equalTo("已在本社区居住三年"))
                .body("canAppeal", equalTo(false));
        as(member.token()).body(Map.of("version", 2, "reason", "再申诉")).post(REGISTRATIONS + "/" + id + "/appeal")
                .then().statusCode(409).body("code", equalTo("NOT_REFUSED"));
        as(f.adminB.token()).body(Map.of("version", 2, "reason", "仍无法核实"))
                .post(REGISTRATIONS + "/" + id + "/refuse").then().statusCode(200).body("canAppeal", equalTo(false));
        as(member.token()).body(Map.of("version", 3, "reason", "再申诉")).post(REGISTRATIONS + "/" + id + "/appeal")
                .then().statusCode(409).body("code", equalTo("APPEAL_USED"));
        assertEquals(2, count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1 AND event_type = 'PARTY_REG'",
                member.userId()));
    }

    @Test
    void onlyInServiceMembersRegisterAndOnlyWithACommunityThatHasACommittee() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        TestTokens.Resident retired = selfRegistered(phone(f, 4), f.compoundOrgA, false);
        as(retired.token()).body(Map.of("communityId", f.tree.communityA().id())).post(REGISTRATIONS).then()
                .statusCode(422).body("code", equalTo("NOT_IN_SERVICE"));
        TestTokens.Resident member = selfRegistered(phone(f, 5), f.compoundOrgA, true);
        as(member.token()).body(Map.of("communityId", f.tree.compoundA().id())).post(REGISTRATIONS).then()
                .statusCode(400).body("code", equalTo("BAD_COMMUNITY"));
        as(member.token()).body(Map.of("communityId", f.tree.communityA().id(), "buildingId", f.tree.buildingB().id()))
                .post(REGISTRATIONS).then().statusCode(400).body("code", equalTo("BAD_BUILDING"));
        as(TestTokens.resident().token()).body(Map.of("communityId", f.tree.communityA().id())).post(REGISTRATIONS).then()
                .statusCode(404).body("code", equalTo("PARTY_MEMBER_NOT_FOUND"));
        PartyTreeFixture bare = new PartyTreeFixture();
        as(member.token()).body(Map.of("communityId", bare.tree.communityA().id())).post(REGISTRATIONS).then()
                .statusCode(422).body("code", equalTo("NO_COMMUNITY_COMMITTEE"));
    }
}
