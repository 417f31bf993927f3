package cn.gridgov.volunteer;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.gridgov.volunteer.VolunteerFixture.VOLUNTEERS;
import static cn.gridgov.volunteer.VolunteerFixture.as;
import static cn.gridgov.volunteer.VolunteerFixture.count;
import static cn.gridgov.volunteer.VolunteerFixture.registerAs;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Volunteer registration from outside: once per user, seen by their community in scope, phones masked and revealed with an audit. */
@QuarkusTest
class VolunteerTest {

    @Test
    void aResidentRegistersOnceAndTheirCommunitySeesThemMasked() {
        VolunteerFixture f = new VolunteerFixture();
        String phone = f.phone();
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        TestTokens.Resident resident = TestTokens.resident();
        long id = registerAs(resident.token(), f.party.tree.communityA().id(), phone);
        as(resident.token()).get(VOLUNTEERS + "/me").then().statusCode(200).body("phone", equalTo(masked))
                .body("skills", equalTo(List.of("助老", "义诊"))).body("availableTimes", equalTo(List.of("周末上午")))
                .body("partyMember", equalTo(false)).body("balance", equalTo(0));
        String code = "again-" + phone;
        WeChatStub.phoneOk(code, phone);
        as(resident.token()).body(Map.of("phoneCode", code, "name", "再来", "communityId", f.party.tree.communityA().id()))
                .post(VOLUNTEERS + "/me").then().statusCode(409).body("code", equalTo("ALREADY_A_VOLUNTEER"));
        as(TestTokens.resident().token()).body(Map.of("phoneCode", code, "name", "冒名", "communityId",
                f.party.tree.communityA().id())).post(VOLUNTEERS + "/me").then().statusCode(409)
                .body("code", equalTo("VOLUNTEER_PHONE_TAKEN"));

        as(resident.token()).body(Map.of("version", 0, "skills", List.of("理发"), "availableTimes", List.of("工作日晚上")))
                .put(VOLUNTEERS + "/me").then().statusCode(200).body("skills", equalTo(List.of("理发"))).body("version", equalTo(1));
        as(resident.token()).body(Map.of("version", 0, "skills", List.of("理发"))).put(VOLUNTEERS + "/me").then()
                .statusCode(409).body("code", equalTo("STALE_VERSION"));

        Response list = as(f.party.adminA.token()).queryParam("skill", "理发").get(VOLUNTEERS);
        list.then().statusCode(200).body("items.id", hasItem((int) id)).body("items.find { it.id == " + id + " }.phone",
                equalTo(masked));
        assertFalse(list.asString().contains(phone), "phones are masked in the list");
        as(f.party.adminB.token()).get(VOLUNTEERS).then().statusCode(200).body("items.id", not(hasItem((int) id)));
        as(f.party.adminB.token()).get(VOLUNTEERS + "/" + id).then().statusCode(404).body("code", equalTo("VOLUNTEER_NOT_FOUND"));
        as(f.party.adminA.token()).get(VOLUNTEERS + "/" + id).then().statusCode(200).body("phone", equalTo(masked));
        as(resident.token()).get(VOLUNTEERS).then().statusCode(403);
    }

    @Test
    void revealingAVolunteersPhoneIsForLeadersInScopeAndAudited() {
        VolunteerFixture f = new VolunteerFixture();
        String phone = f.phone();
        long id = registerAs(TestTokens.resident().token(), f.party.tree.communityA().id(), phone);
        TestTokens.Staff worker = TestTokens.staffOn(f.party.tree.compoundA(), Role.GRID_WORKER);
        as(worker.token()).get(VOLUNTEERS + "/" + id + "/phone").then().statusCode(403);
        as(f.party.adminB.token()).get(VOLUNTEERS + "/" + id + "/phone").then().statusCode(404);
        as(f.party.adminA.token()).queryParam("reason", "联系服务").get(VOLUNTEERS + "/" + id + "/phone").then()
                .statusCode(200).body("phone", equalTo(phone));
        assertEquals(1, count("SELECT count(*) FROM pii_reveal_audit WHERE subject_kind = 'volunteer' AND subject_id = $1 "
                + "AND actor_user_id = $2 AND reason = '联系服务'", id, f.party.adminA.userId()));
    }

    @Test
    void badRegistrationsAreRefusedInChinese() {
        VolunteerFixture f = new VolunteerFixture();
        String token = TestTokens.resident().token();
        as(token).body(Map.of("phoneCode", "x", "communityId", f.party.tree.communityA().id())).post(VOLUNTEERS + "/me")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].message", containsString("姓名"));
        Map<String, Object> many = new HashMap<>(Map.of("phoneCode", "x", "name", "技能太多",
                "communityId", f.party.tree.communityA().id(), "skills", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")));
        as(token).body(many).post(VOLUNTEERS + "/me").then().statusCode(400).body("errors[0].message", containsString("技能最多"));
        String phone = f.phone();
        WeChatStub.phoneOk("c-" + phone, phone);
        as(token).body(Map.of("phoneCode", "c-" + phone, "name", "选错", "communityId", f.party.tree.compoundA().id()))
                .post(VOLUNTEERS + "/me").then().statusCode(400).body("code", equalTo("BAD_COMMUNITY"))
                .body("detail", containsString("社区"));
        as(token).get(VOLUNTEERS + "/me").then().statusCode(404).body("code", equalTo("VOLUNTEER_NOT_FOUND"));
        as(f.party.adminA.token()).queryParam("communityId", "abc").get(VOLUNTEERS).then().statusCode(400)
                .body("code", equalTo("BAD_COMMUNITYID"));
    }
}
