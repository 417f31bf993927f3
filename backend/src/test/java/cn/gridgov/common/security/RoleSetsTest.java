package cn.gridgov.common.security;

import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The named role sets reach {@code @RolesAllowed} as written in {@link Role}: exactly their members get in. */
@QuarkusTest
class RoleSetsTest {

    @Test
    void theConfiguredSetsAreTheJavaSets() {
        assertEquals(Role.ADMINS, configured("gridgov.roles.admins"));
        assertEquals(Role.LEADERS, configured("gridgov.roles.leaders"));
        assertEquals(Role.USERS, configured("gridgov.roles.users"));
        assertEquals(Role.REGION_EDITORS, configured("gridgov.roles.region-editors"));
        assertEquals(Role.MODERATORS, configured("gridgov.roles.moderators"));
    }

    @Test
    void adminEndpointsLetInEveryAdminAndNoOneElse() {
        RegionFixture.Tree tree = RegionFixture.create();
        for (String role : Role.STAFF_ROLES) {
            RegionFixture.Node node = switch (role) {
                case Role.COUNTY_ADMIN -> tree.county();
                case Role.TOWN_ADMIN -> tree.town();
                case Role.COMMUNITY_ADMIN, Role.GRID_LEADER -> tree.communityA();
                case Role.BUILDING_LEAD -> tree.buildingA();
                default -> tree.compoundA();
            };
            String token = TestTokens.staffOn(node, role).token();
            int expected = Role.ADMINS.contains(role) ? 200 : 403;
            given().auth().oauth2(token).when().get("/api/v1/staff").then().statusCode(expected);
        }
        given().auth().oauth2(TestTokens.resident().token()).when().get("/api/v1/staff").then().statusCode(403);
    }

    private static Set<String> configured(String name) {
        return Arrays.stream(ConfigProvider.getConfig().getValue(name, String.class).split(","))
                .collect(Collectors.toSet());
    }
}
