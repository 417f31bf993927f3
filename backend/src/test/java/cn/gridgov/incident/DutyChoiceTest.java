package cn.gridgov.incident;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Reporting and dispatching to a node pick the same person on duty there: one choice, not two. */
@QuarkusTest
class DutyChoiceTest {

    @Test
    void dispatchToACommunityPicksWhoReportingWouldPick() {
        IncidentFixture f = new IncidentFixture();
        // the leader is created first (the lower user id), then a grid worker on the community itself
        TestTokens.Staff leader = TestTokens.staffOn(f.tree.communityA(), Role.GRID_LEADER);
        TestTokens.Staff communityWorker = TestTokens.staffOn(f.tree.communityA(), Role.GRID_WORKER);

        // a point in community A outside its compound: located on the community node itself
        Map<String, Object> body = new HashMap<>(f.body("0101", 0, List.of()));
        body.put("location", Map.of("lng", f.tree.communityA().lng() - 0.015, "lat", f.tree.communityA().lat(),
                "coordType", "wgs84"));
        long reported = f.report(f.resident.token(), body, UUID.randomUUID().toString()).statusCode(201)
                .body("region.compoundId", equalTo(null))
                .body("assigneeId", equalTo((int) communityWorker.userId()))
                .extract().jsonPath().getLong("id");

        long dispatched = f.reported("0101");
        f.act(f.adminA.token(), dispatched, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), dispatched, "DISPATCH", Map.of("targetRegionId", f.tree.communityA().id()))
                .statusCode(200)
                .body("assigneeId", equalTo((int) communityWorker.userId()));
        f.get(f.adminA.token(), reported).statusCode(200).body("assigneeId", equalTo((int) communityWorker.userId()));
        f.get(f.adminA.token(), dispatched).statusCode(200)
                .body("assigneeId", not(equalTo((int) leader.userId())));
    }
}
