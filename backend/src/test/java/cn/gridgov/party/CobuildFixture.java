package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import cn.gridgov.wechat.WeChatStub;

import java.util.HashMap;
import java.util.Map;

import static cn.gridgov.party.PartyTreeFixture.as;

/**
 * A fresh region tree with an admin on each community, the town and the county, and the co-building calls the tests
 * make: units with an agreement, resources, and a contact linked through WeChat's phone check. Phones and credit codes
 * are built from the tree's fresh node ids, so no two runs share them.
 */
public final class CobuildFixture {

    public static final String BASE = "/api/v1/party/cobuild";

    public final RegionFixture.Tree tree;
    public final TestTokens.Staff county;
    public final TestTokens.Staff town;
    public final TestTokens.Staff adminA;
    public final TestTokens.Staff adminB;

    public CobuildFixture() {
        this(RegionFixture.create());
    }

    public CobuildFixture(RegionFixture.Tree tree) {
        this.tree = tree;
        county = TestTokens.staffOn(tree.county(), Role.COUNTY_ADMIN);
        town = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
        adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
    }

    /** A phone number of this tree: {@code n} from 0 to 9. */
    public String phone(int n) {
        return "15" + String.format("%09d", tree.buildingB().id() * 10 + n);
    }

    public static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    /** A unit's body with an agreement with {@code communityId}. */
    public Map<String, Object> unit(String name, String phone, long communityId, String signedOn, String validUntil) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "ENTERPRISE");
        body.put("address", "县城建设路 18 号");
        body.put("contactName", "赵强");
        body.put("contactPhone", phone);
        body.put("agreement", agreement(communityId, signedOn, validUntil));
        return body;
    }

    public static Map<String, Object> agreement(long communityId, String signedOn, String validUntil) {
        return new HashMap<>(Map.of("communityId", communityId, "signedOn", signedOn, "validUntil", validUntil,
                "communityDuties", "提供党员活动阵地", "unitDuties", "每季度开展一次用电安全进社区"));
    }

    /** Registers a unit as {@code token}; answers its id. */
    public static long createUnit(String token, Map<String, Object> body) {
        return as(token).body(body).post(BASE + "/units").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Adds a resource to a unit as {@code token}; answers its id. */
    public static long addResource(String token, long unitId, String kind, String name) {
        return as(token).body(Map.of("kind", kind, "name", name, "capacity", "可容纳 80 人", "availability", "每周六上午"))
                .post(BASE + "/units/" + unitId + "/resources").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A resident who proves {@code phone} through WeChat and is linked as the contact of the units naming it. */
    public static TestTokens.Resident linkedContact(String phone) {
        TestTokens.Resident resident = TestTokens.resident();
        WeChatStub.phoneOk("contact-" + phone, phone);
        as(resident.token()).body(Map.of("phoneCode", "contact-" + phone)).post(BASE + "/contacts/me").then()
                .statusCode(200);
        return resident;
    }
}
