package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static cn.gridgov.party.PartyTreeFixture.as;
import static cn.gridgov.party.PartyTreeFixture.version;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Party members from outside: entered by staff or self-registered with WeChat's phone check, masked, revealed with an audit. */
@QuarkusTest
class PartyMemberTest {

    static final String MEMBERS = "/api/v1/party/members";

    /** A phone number no other test run used: built from a fresh node id (the sequence never repeats). */
    static String phone(PartyTreeFixture f, int n) {
        return "13" + String.format("%09d", f.tree.buildingB().id() * 10 + n);
    }

    static long count(String sql, Object... args) {
        return Arc.container().instance(Pool.class).get().preparedQuery(sql).execute(Tuple.from(args))
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(10));
    }

    /** A resident who registered as a member through the mini program, in service, with a home organisation. */
    static TestTokens.Resident selfRegistered(String phone, long orgId, boolean inService) {
        TestTokens.Resident resident = TestTokens.resident();
        String code = "phone-" + phone;
        WeChatStub.phoneOk(code, phone);
        Map<String, Object> body = new HashMap<>(Map.of("phoneCode", code, "name", "党员" + phone.substring(7),
                "orgId", orgId, "inService", inService));
        as(resident.token()).body(body).post(MEMBERS + "/me").then().statusCode(201);
        return resident;
    }

    @Test
    void staffEnterMembersInScopeWithMaskedPhonesAndRevealingOneIsAudited() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        String phone = phone(f, 1);
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        Response created = as(f.adminA.token()).body(Map.of("name", "陈静", "phone", phone, "orgId", f.compoundOrgA,
                "workplace", "县人民医院", "inService", true)).post(MEMBERS);
        created.then().statusCode(201).body("phone", equalTo(masked)).body("orgName", equalTo(
                        f.tree.compoundA().name() + "党支部")).body("linkedToUser", equalTo(false))
                .body("inService", equalTo(true));
        assertFalse(created.asString().contains(phone));
        long id = created.jsonPath().getLong("id");

        as(f.adminA.token()).get(MEMBERS + "/" + id).then().statusCode(200).body("phone", equalTo(masked));
        as(f.adminB.token()).get(MEMBERS + "/" + id).then().statusCode(404).body("code", equalTo("PARTY_MEMBER_NOT_FOUND"));
        as(f.adminA.token()).get("/api/v1/party/orgs/" + f.compoundOrgA).then().body("memberCount", equalTo(1));

        TestTokens.Staff worker = TestTokens.staffOn(f.tree.compoundA(), Role.GRID_WORKER);
        as(worker.token()).get(MEMBERS + "/" + id + "/phone").then().statusCode(403);
        as(f.adminB.token()).get(MEMBERS + "/" + id + "/phone").then().statusCode(404);
        as(f.adminA.token()).queryParam("reason", "联系报到").get(MEMBERS + "/" + id + "/phone").then().statusCode(200)
                .body("phone", equalTo(phone));
        assertEquals(1, count("SELECT count(*) FROM pii_reveal_audit WHERE subject_kind = 'party_member' AND subject_id = $1 "
                + "AND actor_user_id = $2 AND reason = '联系报到'", id, f.adminA.userId()));

        as(f.adminA.token()).body(Map.of("name", "重复", "phone", phone, "orgId", f.compoundOrgA)).post(MEMBERS).then()
                .statusCode(409).body("code", equalTo("MEMBER_EXISTS"));
        as(f.adminA.token()).body(Map.of("name", "号码不对", "phone", "12345", "orgId", f.compoundOrgA)).post(MEMBERS).then()
                .statusCode(400).body("errors[0].message", containsString("11 位"));
        as(f.adminA.token()).body(Map.of("name", "别处", "phone", phone(f, 2), "orgId", f.compoundOrgB)).post(MEMBERS).then()
                .statusCode(404).body("code", equalTo("PARTY_ORG_NOT_FOUND"));
        as(worker.token()).body(Map.of("name", "越权", "phone", phone(f, 3), "orgId", f.compoundOrgA)).post(MEMBERS).then()
                .statusCode(403);

        // an organisation with members cannot be dissolved
        as(f.adminA.token()).body(Map.of("version", version(f.adminA.token(), f.compoundOrgA)))
                .post("/api/v1/party/orgs/" + f.compoundOrgA + "/dissolve").then().statusCode(409);
    }

    @Test
    void aResidentRegistersWithTheirWeChatPhoneAndIsLinkedToTheRecordStaffEntered() {
        PartyTreeFixture f = new PartyTreeFixture().build();
        String entered = phone(f, 4);
        long id = as(f.adminA.token()).body(Map.of("name", "刘洋", "phone", entered, "orgId", f.compoundOrgA)).post(MEMBERS)
                .then().statusCode(201).extract().jsonPath().getLong("id");

        TestTokens.Resident resident = TestTokens.resident();
        as(resident.token()).get(MEMBERS + "/me").then().statusCode(404).body("code", equalTo("PARTY_MEMBER_NOT_FOUND"));
        WeChatStub.phoneOk("link-" + entered, entered);
        as(resident.token()).body(Map.of("phoneCode", "link-" + entered, "name", "刘洋", "orgId", f.compoundOrgB))
                .post(MEMBERS + "/me").then().statusCode(200)
                .body("id", equalTo((int) id)).body("linkedToUser", equalTo(true))
                .body("orgId", equalTo((int) f.compoundOrgA));
        as(resident.token()).get(MEMBERS + "/me").then().statusCode(200).body("id", equalTo((int) id))
                .body("phone", equalTo(entered.substring(0, 3) + "****" + entered.substring(7)));
        as(resident.token()).body(Map.of("phoneCode", "link-" + entered, "name", "刘洋", "orgId", f.compoundOrgA))
                .post(MEMBERS + "/me").then().statusCode(409).body("code", equalTo("ALREADY_A_MEMBER"));

        TestTokens.Resident other = TestTokens.resident();
        WeChatStub.phoneOk("other-" + entered, entered);
        as(other.token()).body(Map.of("phoneCode", "other-" + entered, "name", "冒名", "orgId", f.compoundOrgA))
                .post(MEMBERS + "/me").then().statusCode(409).body("code", equalTo("MEMBER_EXISTS"));

        TestTokens.Resident fresh = TestTokens.resident();
        String own = phone(f, 5);
        WeChatStub.phoneOk("fresh-" + own, own);
        as(fresh.token()).body(Map.of("phoneCode", "fresh-" + own, "name", "孙莉", "orgId", f.compoundOrgB,
                        "workplace", "县税务局", "inService", true))
                .post(MEMBERS + "/me").then().statusCode(201).body("orgId", equalTo((int) f.compoundOrgB))
                .body("linkedToUser", equalTo(true)).body("workplace", equalTo("县税务局"));
        as(fresh.token()).get(MEMBERS + "/1").then().statusCode(403);
    }
}
