package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.gridgov.party.CobuildFixture.BASE;
import static cn.gridgov.party.CobuildFixture.agreement;
import static cn.gridgov.party.CobuildFixture.createUnit;
import static cn.gridgov.party.CobuildFixture.masked;
import static cn.gridgov.party.PartyMemberTest.count;
import static cn.gridgov.party.PartyTreeFixture.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Co-building units (共驻共建) from outside: registered per community, seen through their agreements, expiring on time. */
@QuarkusTest
class CobuildUnitTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aUnitIsSeenOnlyThroughItsAgreementsAndAnotherCommunityFindsNothing() {
        CobuildFixture f = new CobuildFixture();
        String phone = f.phone(1);
        Response created = as(f.adminA.token()).body(f.unit("县供电公司", phone, f.tree.communityA().id(), "2026-01-01",
                "2030-12-31")).post(BASE + "/units");
        created.then().statusCode(201).body("contactPhone", equalTo(masked(phone))).body("contactUserId", equalTo(null))
                .body("agreements", hasSize(1)).body("agreements[0].communityId", equalTo((int) f.tree.communityA().id()))
                .body("agreements[0].contactPhone", equalTo(masked(phone))).body("version", equalTo(0));
        assertFalse(created.asString().contains(phone), "the contact's phone is masked");
        long unit = created.jsonPath().getLong("id");
        long agreementA = created.jsonPath().getLong("agreements[0].id");

        // another community's admin: the unit and its agreement with A look absent, and cannot be changed
        as(f.adminB.token()).get(BASE + "/units/" + unit).then().statusCode(404).body("code", equalTo("COBUILD_UNIT_NOT_FOUND"));
        as(f.adminB.token()).get(BASE + "/agreements/" + agreementA).then().statusCode(404)
                .body("code", equalTo("COBUILD_AGREEMENT_NOT_FOUND")).body("detail", containsString("共建协议不存在"));
        as(f.adminB.token()).body(Map.of("version", 0, "signedOn", "2026-01-01", "validUntil", "2031-12-31",
                "communityDuties", "改", "unitDuties", "改")).put(BASE + "/agreements/" + agreementA).then().statusCode(404);
        as(f.adminB.token()).body(Map.of("version", 0, "reason", "越权终止")).post(BASE + "/agreements/" + agreementA + "/end")
                .then().statusCode(404);
        as(f.adminB.token()).body(Map.of("version", 0, "name", "改名", "kind", "AGENCY", "contactName", "某"))
                .put(BASE + "/units/" + unit).then().statusCode(404);
        as(f.adminB.token()).get(BASE + "/units/" + unit + "/contact-phone").then().statusCode(404);
        as(f.adminB.token()).body(Map.of("kind", "VENUE", "name", "场地", "capacity", "10 人", "availability", "周末"))
                .post(BASE + "/units/" + unit + "/resources").then().statusCode(404);
        as(f.adminB.token()).get(BASE + "/agreements").then().statusCode(200).body("items.id", not(hasItem((int) agreementA)));
        as(f.adminA.token()).body(agreement(f.tree.communityB().id(), "2026-01-01", "2030-12-31"))
                .post(BASE + "/units/" + unit + "/agreements").then().statusCode(404).body("code", equalTo("COMMUNITY_NOT_FOUND"));

        // the town signs the unit with B too: B's admin now sees the unit with B's agreement only
        long agreementB = as(f.town.token()).body(agreement(f.tree.communityB().id(), "2026-02-01", "2030-12-31"))
                .post(BASE + "/units/" + unit + "/agreements").then().statusCode(201)
                .body("communityId", equalTo((int) f.tree.communityB().id())).extract().jsonPath().getLong("id");
        as(f.town.token()).body(agreement(f.tree.communityB().id(), "2026-02-01", "2030-12-31"))
                .post(BASE + "/units/" + unit + "/agreements").then().statusCode(409).body("code", equalTo("AGREEMENT_EXISTS"));
        as(f.adminB.token()).get(BASE + "/units/" + unit).then().statusCode(200).body("agreements.id", equalTo(List.of((int) agreementB)));
        as(f.adminB.token()).get(BASE + "/agreements/" + agreementA).then().statusCode(404);
        as(f.town.token()).get(BASE + "/units/" + unit).then().statusCode(200)
                .body("agreements.id", containsInAnyOrder((int) agreementA, (int) agreementB));

        // every list shows the phone masked
        for (TestTokens.Staff who : List.of(f.adminA, f.adminB, f.town)) {
            Response list = as(who.token()).get(BASE + "/agreements");
            list.then().statusCode(200).body("items.contactPhone", hasItem(masked(phone)));
            assertFalse(list.asString().contains(phone), "phones are masked in the list");
        }

        // the full phone: leaders only, audited
        TestTokens.Staff worker = TestTokens.staffOn(f.tree.compoundA(), Role.GRID_WORKER);
        as(worker.token()).get(BASE + "/units/" + unit + "/contact-phone").then().statusCode(403);
        as(worker.token()).get(BASE + "/units/" + unit).then().statusCode(404);
        as(f.adminA.token()).queryParam("reason", "联系共建活动").get(BASE + "/units/" + unit + "/contact-phone").then()
                .statusCode(200).body("phone", equalTo(phone));
        assertEquals(1, count("SELECT count(*) FROM pii_reveal_audit WHERE subject_kind = 'cobuild_unit' AND subject_id = $1 "
                + "AND actor_user_id = $2 AND reason = '联系共建活动'", unit, f.adminA.userId()));
    }

    @Test
    void changesNeedTheCurrentVersionAndBadInputIsRefusedInChinese() {
        CobuildFixture f = new CobuildFixture();
        long unit = createUnit(f.adminA.token(), f.unit("县图书馆", f.phone(2), f.tree.communityA().id(), "2026-01-01", "2030-12-31"));
        Map<String, Object> change = Map.of("version", 0, "name", "县图书馆（新馆）", "kind", "PUBLIC_INSTITUTION",
                "contactName", "钱敏", "contactPhone", f.phone(3));
        as(f.adminA.token()).body(Map.of("version", 4, "name", "过期", "kind", "AGENCY", "contactName", "某"))
                .put(BASE + "/units/" + unit).then().statusCode(409).body("code", equalTo("STALE_VERSION"))
                .body("detail", containsString("请刷新后重试"));
        as(f.adminA.token()).body(change).put(BASE + "/units/" + unit).then().statusCode(200)
                .body("version", equalTo(1)).body("name", equalTo("县图书馆（新馆）"))
                .body("contactPhone", equalTo(masked(f.phone(3))));
        as(f.adminA.token()).body(change).put(BASE + "/units/" + unit).then().statusCode(409).body("code", equalTo("STALE_VERSION"));

        long agreement = as(f.adminA.token()).get(BASE + "/units/" + unit).then().extract().jsonPath().getLong("agreements[0].id");
        Map<String, Object> renew = Map.of("version", 0, "signedOn", "2026-01-01", "validUntil", "2031-12-31",
                "communityDuties", "提供场地", "unitDuties", "每月一次读书会");
        as(f.adminA.token()).body(renew).put(BASE + "/agreements/" + agreement).then().statusCode(200)
                .body("validUntil", equalTo("2031-12-31")).body("version", equalTo(1));
        as(f.adminA.token()).body(renew).put(BASE + "/agreements/" + agreement).then().statusCode(409)
                .body("code", equalTo("STALE_VERSION"));
        as(f.adminA.token()).body(Map.of("version", 1, "reason", "单位撤并")).post(BASE + "/agreements/" + agreement + "/end")
                .then().statusCode(200).body("status", equalTo("ENDED")).body("endReason", equalTo("单位撤并"));
        as(f.adminA.token()).body(Map.of("version", 2, "reason", "再终止")).post(BASE + "/agreements/" + agreement + "/end")
                .then().statusCode(409).body("code", equalTo("AGREEMENT_ENDED")).body("detail", equalTo("该共建协议已终止"));

        // bad input: 400 problems in Chinese, nothing written
        Map<String, Object> bad = f.unit("", "12345", f.tree.communityA().id(), "2026-01-01", "2030-12-31");
        as(f.adminA.token()).body(bad).post(BASE + "/units").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.message", hasItem("手机号应为 11 位数字")).body("errors.message", hasItem("请填写单位名称"));
        Map<String, Object> backwards = f.unit("倒签", f.phone(4), f.tree.communityA().id(), "2026-05-01", "2026-04-30");
        as(f.adminA.token()).body(backwards).post(BASE + "/units").then().statusCode(400)
                .body("code", equalTo("AGREEMENT_DATES")).body("detail", containsString("不能早于签约日期"));
        Map<String, Object> notCommunity = f.unit("非社区", f.phone(4), f.tree.compoundA().id(), "2026-01-01", "2030-12-31");
        as(f.adminA.token()).body(notCommunity).post(BASE + "/units").then().statusCode(400).body("code", equalTo("BAD_COMMUNITY"));
        Map<String, Object> wrongKind = f.unit("类型不对", f.phone(4), f.tree.communityA().id(), "2026-01-01", "2030-12-31");
        wrongKind.put("kind", "COMPANY");
        as(f.adminA.token()).body(wrongKind).post(BASE + "/units").then().statusCode(400).body("code", equalTo("MALFORMED_BODY"));
        Map<String, Object> badDate = f.unit("日期不对", f.phone(4), f.tree.communityA().id(), "2026-13-01", "2030-12-31");
        as(f.adminA.token()).body(badDate).post(BASE + "/units").then().statusCode(400).body("code", equalTo("MALFORMED_BODY"));
        as(f.adminA.token()).queryParam("expiringSoon", "maybe").get(BASE + "/agreements").then().statusCode(400)
                .body("code", equalTo("BAD_EXPIRINGSOON"));
        as(f.adminA.token()).queryParam("kind", "COMPANY").get(BASE + "/agreements").then().statusCode(400)
                .body("code", equalTo("BAD_KIND"));
        assertEquals(0, count("SELECT count(*) FROM cobuild_unit WHERE contact_phone_hash IS NOT NULL AND name IN "
                + "('倒签', '非社区', '类型不对', '日期不对') AND created_by = $1", f.adminA.userId()));

        // one unit per credit code
        Map<String, Object> coded = f.unit("县税务局", f.phone(5), f.tree.communityA().id(), "2026-01-01", "2030-12-31");
        String code = "11" + String.format("%016d", f.tree.buildingB().id());
        coded.put("creditCode", code);
        createUnit(f.adminA.token(), coded);
        coded.put("name", "县税务局（重复）");
        as(f.adminA.token()).body(coded).post(BASE + "/units").then().statusCode(409).body("code", equalTo("UNIT_EXISTS"));

        TestTokens.Staff leader = TestTokens.staffOn(f.tree.communityA(), Role.GRID_LEADER);
        as(leader.token()).body(f.unit("越权", f.phone(6), f.tree.communityA().id(), "2026-01-01", "2030-12-31"))
                .post(BASE + "/units").then().statusCode(403);
        as(leader.token()).get(BASE + "/units/" + unit).then().statusCode(200);
    }

    @Test
    void agreementsShowAsExpiringSoonThirtyDaysAheadByTheApplicationClock() {
        CobuildFixture f = new CobuildFixture();
        clock.freezeAt(LocalDateTime.parse("2026-12-07T09:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        long community = f.tree.communityA().id();
        long in30 = createUnit(f.adminA.token(), f.unit("三十天", f.phone(1), community, "2026-01-01", "2027-01-06"));
        long in31 = createUnit(f.adminA.token(), f.unit("三十一天", f.phone(2), community, "2026-01-01", "2027-01-07"));
        long today = createUnit(f.adminA.token(), f.unit("今天到期", f.phone(3), community, "2026-01-01", "2026-12-07"));
        long expired = createUnit(f.adminA.token(), f.unit("已过期", f.phone(4), community, "2026-01-01", "2026-12-06"));

        Response all = as(f.adminA.token()).queryParam("communityId", community).get(BASE + "/agreements");
        all.then().statusCode(200).body("items", hasSize(4));
        assertFlags(all, in30, true, false, 30);
        assertFlags(all, in31, false, false, 31);
        assertFlags(all, today, true, false, 0);
        assertFlags(all, expired, false, true, -1);
        as(f.adminA.token()).queryParam("communityId", community).queryParam("expiringSoon", "true").get(BASE + "/agreements")
                .then().statusCode(200).body("items.unitId", containsInAnyOrder((int) in30, (int) today));
        as(f.adminB.token()).queryParam("expiringSoon", "true").get(BASE + "/agreements").then().statusCode(200)
                .body("items.unitId", not(hasItem((int) in30)));

        // a day later the 31-day one is due and today's has expired
        clock.advance(Duration.ofDays(1));
        as(f.adminA.token()).queryParam("communityId", community).queryParam("expiringSoon", "true").get(BASE + "/agreements")
                .then().statusCode(200).body("items.unitId", containsInAnyOrder((int) in30, (int) in31));

        // renewed, or ended, it is no longer due
        long agreement = as(f.adminA.token()).get(BASE + "/units/" + in30).then().extract().jsonPath().getLong("agreements[0].id");
        as(f.adminA.token()).body(Map.of("version", 0, "signedOn", "2026-01-01", "validUntil", "2027-12-31",
                        "communityDuties", "提供场地", "unitDuties", "续签")).put(BASE + "/agreements/" + agreement).then()
                .statusCode(200).body("expiringSoon", equalTo(false));
        long other = as(f.adminA.token()).get(BASE + "/units/" + in31).then().extract().jsonPath().getLong("agreements[0].id");
        as(f.adminA.token()).body(Map.of("version", 0, "reason", "不再续约")).post(BASE + "/agreements/" + other + "/end").then()
                .statusCode(200).body("expiringSoon", equalTo(false));
        as(f.adminA.token()).queryParam("communityId", community).queryParam("expiringSoon", "true").get(BASE + "/agreements")
                .then().statusCode(200).body("items", hasSize(0));
    }

    private static void assertFlags(Response list, long unitId, boolean soon, boolean expired, int daysLeft) {
        String item = "items.find { it.unitId == " + unitId + " }.";
        list.then().body(item + "expiringSoon", equalTo(soon)).body(item + "expired", equalTo(expired))
                .body(item + "daysLeft", equalTo(daysLeft));
    }
}
