package cn.gridgov.identity.staff;

import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo staff logins: one per role on the first nodes of the tree, created once, able to log in. */
@QuarkusTest
class DemoStaffTest {

    @Inject
    DemoStaff demo;

    @Test
    void createsOneLoginPerRoleIdempotently() {
        RegionFixture.create();
        List<DemoStaff.Login> first = demo.ensure().await().atMost(Duration.ofSeconds(60));
        List<DemoStaff.Login> second = demo.ensure().await().atMost(Duration.ofSeconds(60));
        assertEquals(first, second);
        // one per role, in this order, as far down as the first town's first branch goes
        List<String> all = List.of("COUNTY_ADMIN", "TOWN_ADMIN", "COMMUNITY_ADMIN", "GRID_LEADER", "GRID_WORKER",
                "BUILDING_LEAD");
        List<String> roles = first.stream().map(DemoStaff.Login::role).toList();
        assertTrue(roles.size() >= 2, roles.toString());
        assertEquals(all.subList(0, roles.size()), roles);
        assertTrue(DemoStaff.describe(first).contains("demo-county"));

        DemoStaff.Login county = first.get(0);
        String token = StaffApi.token(county.username(), county.password());
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200)
                .body("roles[0]", equalTo("COUNTY_ADMIN")).body("region.level", equalTo("COUNTY"))
                .body("region.name", equalTo(county.regionName()));
    }
}
