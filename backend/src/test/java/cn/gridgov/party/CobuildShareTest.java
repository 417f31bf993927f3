package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.gridgov.party.CobuildFixture.BASE;
import static cn.gridgov.party.CobuildFixture.addResource;
import static cn.gridgov.party.CobuildFixture.agreement;
import static cn.gridgov.party.CobuildFixture.createUnit;
import static cn.gridgov.party.CobuildFixture.linkedContact;
import static cn.gridgov.party.PartyMemberTest.count;
import static cn.gridgov.party.PartyTreeFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Resource sharing (资源共享) from outside: requested or offered, answered by the other side, its use recorded, the contact told. */
@QuarkusTest
class CobuildShareTest {

    private static final String SHARES = BASE + "/shares";

    private static long outbox(long recipient, String result) {
        return count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1 AND event_type = 'COBUILD_SHARE' "
                + "AND template_id = 'tpl-cobuild-share' AND payload->'data'->'phrase1'->>'value' = $2", recipient, result);
    }

    @Test
    void aContactLinksThroughWeChatAndSeesTheirUnitsOnly() {
        CobuildFixture f = new CobuildFixture();
        String phone = f.phone(1);
        long unit = createUnit(f.adminA.token(), f.unit("县供电公司", phone, f.tree.communityA().id(), "2026-01-01", "2030-12-31"));
        as(f.town.token()).body(agreement(f.tree.communityB().id(), "2026-01-01", "2030-12-31"))
                .post(BASE + "/units/" + unit + "/agreements").then().statusCode(201);

        TestTokens.Resident contact = TestTokens.resident();
        as(contact.token()).get(BASE + "/contacts/me/units").then().statusCode(200).body("", hasSize(0));
        WeChatStub.phoneOk("c1-" + phone, phone);
        as(contact.token()).body(Map.of("phoneCode", "c1-" + phone)).post(BASE + "/contacts/me").then().statusCode(200)
                .body("[0].id", equalTo((int) unit)).body("[0].contactUserId", equalTo((int) contact.userId()))
                .body("[0].agreements", hasSize(2)).body("[0].contactPhone", equalTo(CobuildFixture.masked(phone)));
        as(contact.token()).get(BASE + "/contacts/me/units").then().statusCode(200).body("id", equalTo(List.of((int) unit)));
        as(contact.token()).get(BASE + "/units/" + unit).then().statusCode(403);

        TestTokens.Resident other = TestTokens.resident();
        WeChatStub.phoneOk("c2-" + phone, phone);
        as(other.token()).body(Map.of("phoneCode", "c2-" + phone)).post(BASE + "/contacts/me").then().statusCode(409)
                .body("code", equalTo("CONTACT_TAKEN"));
        WeChatStub.phoneOk("c3-" + f.phone(9), f.phone(9));
        as(other.token()).body(Map.of("phoneCode", "c3-" + f.phone(9))).post(BASE + "/contacts/me").then().statusCode(404)
                .body("code", equalTo("COBUILD_CONTACT_NOT_FOUND"));
        as(other.token()).body(Map.of()).post(BASE + "/contacts/me").then().statusCode(400)
                .body("errors.message", hasItem("请授权手机号"));

        // a new contact phone unlinks the old contact
        int version = as(f.adminA.token()).get(BASE + "/units/" + unit).then().extract().jsonPath().getInt("version");
        as(f.adminA.token()).body(Map.of("version", version, "name", "县供电公司", "kind", "ENTERPRISE", "contactName", "钱敏",
                "contactPhone", f.phone(2))).put(BASE + "/units/" + unit).then().statusCode(200)
                .body("contactUserId", equalTo(null));
        as(contact.token()).get(BASE + "/contacts/me/units").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aCommunityRequestsTheUnitAnswersAndTheUseIsRecorded() {
        CobuildFixture f = new CobuildFixture();
        String phone = f.phone(1);
        long unit = createUnit(f.adminA.token(), f.unit("县供电公司", phone, f.tree.communityA().id(), "2026-01-01", "2099-12-31"));
        long venue = addResource(f.adminA.token(), unit, "VENUE", "职工活动中心多功能厅");
        TestTokens.Resident contact = linkedContact(phone);
        long community = f.tree.communityA().id();

        long id = as(f.adminA.token()).body(Map.of("resourceId", venue, "communityId", community, "kind", "REQUEST",
                        "purpose", "七一党员大会", "wantedOn", "2026-07-01")).post(SHARES).then().statusCode(201)
                .body("status", equalTo("PENDING")).body("resourceName", equalTo("职工活动中心多功能厅"))
                .body("allowedActions", equalTo(List.of("ACCEPT", "DECLINE", "CANCEL")))
                .extract().jsonPath().getLong("id");
        as(contact.token()).get(SHARES + "/" + id).then().statusCode(200)
                .body("allowedActions", equalTo(List.of("ACCEPT", "DECLINE")));

        // another community, a stranger: the share looks absent
        as(f.adminB.token()).get(SHARES + "/" + id).then().statusCode(404).body("code", equalTo("COBUILD_SHARE_NOT_FOUND"));
        as(f.adminB.token()).body(Map.of("version", 0)).post(SHARES + "/" + id + "/accept").then().statusCode(404);
        TestTokens.Resident stranger = TestTokens.resident();
        as(stranger.token()).get(SHARES + "/" + id).then().statusCode(404);
        as(stranger.token()).body(Map.of("version", 0)).post(SHARES + "/" + id + "/accept").then().statusCode(404);
        as(f.adminB.token()).get(SHARES).then().statusCode(200).body("items.id", not(hasItem((int) id)));
        as(contact.token()).get(SHARES).then().statusCode(200).body("items.id", hasItem((int) id));

        // the contact may offer, not request; the unit answers a request, not its starter's contact... on a stale version
        as(contact.token()).body(Map.of("resourceId", venue, "communityId", community, "kind", "REQUEST", "purpose", "自己申请"))
                .post(SHARES).then().statusCode(403).body("code", equalTo("SHARE_SIDE_FORBIDDEN"));
        as(contact.token()).body(Map.of("version", 3)).post(SHARES + "/" + id + "/accept").then().statusCode(409)
                .body("code", equalTo("STALE_VERSION"));
        as(contact.token()).body(Map.of("version", 0)).post(SHARES + "/" + id + "/cancel").then().statusCode(403)
                .body("code", equalTo("SHARE_SIDE_FORBIDDEN")).body("detail", equalTo("只有发起的一方可以取消"));
        as(contact.token()).body(Map.of("version", 0)).post(SHARES + "/" + id + "/accept").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("allowedActions", equalTo(List.of("RECORD_USE")));
        assertEquals(0, outbox(contact.userId(), "已接受"), "the contact decided themselves: no message");

        // invalid steps now
        as(contact.token()).body(Map.of("version", 1)).post(SHARES + "/" + id + "/accept").then().statusCode(409)
                .body("code", equalTo("SHARE_STATUS_CONFLICT")).body("detail", equalTo("该资源共享已接受，不能接受"));
        as(f.adminA.token()).body(Map.of("version", 1, "reason", "改主意")).post(SHARES + "/" + id + "/decline").then()
                .statusCode(409).body("code", equalTo("SHARE_STATUS_CONFLICT"));
        as(f.adminA.token()).body(Map.of("version", 1)).post(SHARES + "/" + id + "/use").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.message", hasItem("请填写使用日期 usedOn"));

        as(f.adminA.token()).body(Map.of("version", 1, "usedOn", "2026-07-01", "outcome", "120 名党员参加"))
                .post(SHARES + "/" + id + "/use").then().statusCode(200).body("status", equalTo("USED"))
                .body("usedOn", equalTo("2026-07-01")).body("outcome", equalTo("120 名党员参加"));
        as(contact.token()).body(Map.of("version", 2, "usedOn", "2026-07-02", "outcome", "再登记"))
                .post(SHARES + "/" + id + "/use").then().statusCode(409).body("detail", containsString("已使用"));

        // the admin answers on the unit's behalf: the contact is told
        long second = as(f.adminA.token()).body(Map.of("resourceId", venue, "communityId", community, "kind", "REQUEST",
                "purpose", "重阳节敬老活动")).post(SHARES).then().statusCode(201).extract().jsonPath().getLong("id");
        as(f.adminA.token()).body(Map.of("version", 0)).post(SHARES + "/" + second + "/accept").then().statusCode(200);
        assertEquals(1, outbox(contact.userId(), "已接受"));
        as(f.adminA.token()).queryParam("status", "used").get(SHARES).then().statusCode(200)
                .body("items.id", equalTo(List.of((int) id)));
        as(f.adminA.token()).queryParam("status", "LOST").get(SHARES).then().statusCode(400).body("code", equalTo("BAD_STATUS"));
    }

    @Test
    void aUnitOffersTheCommunityDeclinesAndOnlyAnAgreementInForceAllowsSharing() {
        CobuildFixture f = new CobuildFixture();
        String phone = f.phone(1);
        long unit = createUnit(f.adminA.token(), f.unit("县职业学校", phone, f.tree.communityA().id(), "2026-01-01", "2099-12-31"));
        long volunteers = addResource(f.adminA.token(), unit, "VOLUNTEER_SERVICE", "师生志愿服务队");
        TestTokens.Resident contact = linkedContact(phone);
        long community = f.tree.communityA().id();

        long offer = as(contact.token()).body(Map.of("resourceId", volunteers, "communityId", community, "kind", "OFFER",
                        "purpose", "暑期义务辅导")).post(SHARES).then().statusCode(201)
                .body("allowedActions", equalTo(List.of("CANCEL"))).extract().jsonPath().getLong("id");
        as(contact.token()).body(Map.of("version", 0)).post(SHARES + "/" + offer + "/accept").then().statusCode(403)
                .body("code", equalTo("SHARE_SIDE_FORBIDDEN")).body("detail", equalTo("单位提供的资源由社区答复"));
        as(f.adminA.token()).body(Map.of("version", 0)).post(SHARES + "/" + offer + "/decline").then().statusCode(400)
                .body("code", equalTo("REASON_REQUIRED"));
        as(f.adminA.token()).body(Map.of("version", 0, "reason", "暑期场地维修")).post(SHARES + "/" + offer + "/decline").then()
                .statusCode(200).body("status", equalTo("DECLINED")).body("declineReason", equalTo("暑期场地维修"));
        assertEquals(1, outbox(contact.userId(), "已拒绝"));
        as(f.adminA.token()).body(Map.of("version", 1, "usedOn", "2026-07-01", "outcome", "不应登记"))
                .post(SHARES + "/" + offer + "/use").then().statusCode(409).body("code", equalTo("SHARE_STATUS_CONFLICT"));

        // no agreement with B; the agreement with A ended; a paused resource
        as(f.town.token()).body(Map.of("resourceId", volunteers, "communityId", f.tree.communityB().id(), "kind", "REQUEST",
                "purpose", "无协议")).post(SHARES).then().statusCode(409).body("code", equalTo("NO_AGREEMENT_IN_FORCE"));
        as(f.adminB.token()).body(Map.of("resourceId", volunteers, "communityId", f.tree.communityB().id(), "kind", "REQUEST",
                "purpose", "看不到")).post(SHARES).then().statusCode(404).body("code", equalTo("COBUILD_RESOURCE_NOT_FOUND"));
        as(f.adminA.token()).body(Map.of("version", 0, "kind", "VOLUNTEER_SERVICE", "name", "师生志愿服务队", "capacity", "20 人",
                "availability", "寒暑假", "active", false)).put(BASE + "/resources/" + volunteers).then().statusCode(200)
                .body("active", equalTo(false));
        as(f.adminA.token()).body(Map.of("resourceId", volunteers, "communityId", community, "kind", "REQUEST",
                "purpose", "已停用")).post(SHARES).then().statusCode(409).body("code", equalTo("RESOURCE_INACTIVE"));
        long agreement = as(f.adminA.token()).get(BASE + "/units/" + unit).then().extract().jsonPath().getLong("agreements[0].id");
        as(f.adminA.token()).body(Map.of("version", 0, "reason", "合作结束")).post(BASE + "/agreements/" + agreement + "/end")
                .then().statusCode(200);
        as(contact.token()).body(Map.of("resourceId", volunteers, "communityId", community, "kind", "OFFER",
                "purpose", "协议已终止")).post(SHARES).then().statusCode(409).body("code", equalTo("NO_AGREEMENT_IN_FORCE"))
                .body("detail", containsString("没有有效的共建协议"));
        TestTokens.Staff worker = TestTokens.staffOn(f.tree.compoundA(), Role.GRID_WORKER);
        as(worker.token()).body(Map.of("resourceId", volunteers, "communityId", community, "kind", "REQUEST",
                "purpose", "网格员")).post(SHARES).then().statusCode(404);
    }
}
