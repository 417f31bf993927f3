package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A fresh region tree ({@link RegionFixture#create()}) with its Party tree set up through the API: town committee,
 * community committees A and B, compound branches and building groups, and an admin on each community and the town.
 */
public final class PartyTreeFixture {

    public final RegionFixture.Tree tree = RegionFixture.create();
    public final TestTokens.Staff county = TestTokens.staffOn(tree.county(), Role.COUNTY_ADMIN);
    public final TestTokens.Staff town = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
    public final TestTokens.Staff adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
    public final TestTokens.Staff adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
    public long townOrg;
    public long communityOrgA;
    public long communityOrgB;
    public long compoundOrgA;
    public long buildingOrgA;
    public long compoundOrgB;

    /** Builds the tree; call from a test or {@code @BeforeEach} (REST Assured needs the test port). */
    public PartyTreeFixture build() {
        townOrg = create(county.token(), Map.of("kind", "TOWN_COMMITTEE", "regionId", tree.town().id()));
        communityOrgA = create(town.token(), Map.of("kind", "COMMUNITY_COMMITTEE", "regionId", tree.communityA().id()));
        communityOrgB = create(town.token(), Map.of("kind", "COMMUNITY_COMMITTEE", "regionId", tree.communityB().id()));
        compoundOrgA = create(adminA.token(), Map.of("kind", "COMPOUND_BRANCH", "regionId", tree.compoundA().id(),
                "secretary", "王芳"));
        buildingOrgA = create(adminA.token(), Map.of("kind", "BUILDING_GROUP", "regionId", tree.buildingA().id()));
        compoundOrgB = create(adminB.token(), Map.of("kind", "COMPOUND_BRANCH", "regionId", tree.compoundB().id()));
        return this;
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates an organisation and answers its id (201 expected). */
    public static long create(String token, Map<String, Object> body) {
        return as(token).body(new HashMap<>(body)).post("/api/v1/party/orgs").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    public static int version(String token, long orgId) {
        return as(token).get("/api/v1/party/orgs/" + orgId).then().statusCode(200).extract().jsonPath().getInt("version");
    }
}
