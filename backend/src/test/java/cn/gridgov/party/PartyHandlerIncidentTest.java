package cn.gridgov.party;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.incident.supervision.Supervisor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.gridgov.incident.IncidentFixture.flowActions;
import static cn.gridgov.incident.IncidentFixture.rows;
import static cn.gridgov.party.CobuildFixture.createUnit;
import static cn.gridgov.party.CobuildFixture.linkedContact;
import static cn.gridgov.party.PartyMemberTest.selfRegistered;
import static cn.gridgov.party.PartyTreeFixture.as;
import static cn.gridgov.party.PartyTreeFixture.create;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incidents handled by a Party member or a co-building unit's contact (#10 §4): dispatched to them through the usual
 * loop, handled by them in the mini program, supervised as any other; they see what is assigned to them and nothing else.
 */
@QuarkusTest
class PartyHandlerIncidentTest {

    @Inject
    TestClock clock;

    @Inject
    Supervisor supervisor;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    /** The Party tree on the incident fixture's own tree: town committee, community committees, compound branches. */
    private static Map<String, Long> partyTree(IncidentFixture f) {
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        create(county.token(), Map.of("kind", "TOWN_COMMITTEE", "regionId", f.tree.town().id()));
        create(f.townAdmin.token(), Map.of("kind", "COMMUNITY_COMMITTEE", "regionId", f.tree.communityA().id()));
        create(f.townAdmin.token(), Map.of("kind", "COMMUNITY_COMMITTEE", "regionId", f.tree.communityB().id()));
        long a = create(f.adminA.token(), Map.of("kind", "COMPOUND_BRANCH", "regionId", f.tree.compoundA().id()));
        long b = create(f.adminB.token(), Map.of("kind", "COMPOUND_BRANCH", "regionId", f.tree.compoundB().id()));
        return Map.of("A", a, "B", b);
    }

    private static String phone(IncidentFixture f, int n) {
        return "17" + String.format("%09d", f.tree.buildingB().id() * 10 + n);
    }

    @Test
    void aPartyMemberHandlesTheIncidentDispatchedToThemAndSeesNoOther() {
        IncidentFixture f = new IncidentFixture();
        Map<String, Long> branches = partyTree(f);
        TestTokens.Resident member = selfRegistered(phone(f, 1), branches.get("A"), true);
        TestTokens.Resident elsewhere = selfRegistered(phone(f, 2), branches.get("B"), true);
        as(f.adminA.token()).get("/api/v1/party/members/" + as(member.token()).get("/api/v1/party/members/me").then()
                .extract().jsonPath().getLong("id")).then().statusCode(200).body("userId", equalTo((int) member.userId()));

        long id = f.reportInA("0103");
        long other = f.reportInA("0103");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", elsewhere.userId())).statusCode(400)
                .body("code", equalTo("ASSIGNEE_OUT_OF_SCOPE"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", member.userId(), "comment", "请协助清理"))
                .statusCode(200).body("status", equalTo("DISPATCHED")).body("assigneeId", equalTo((int) member.userId()));

        // the member sees it, and only it
        f.get(member.token(), id).statusCode(200).body("allowedActions", contains("START", "RETURN"));
        f.get(member.token(), other).statusCode(404).body("code", equalTo("INCIDENT_NOT_FOUND"));
        as(member.token()).queryParam("assignee", "me").get("/api/v1/incidents").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) id)));
        as(member.token()).get("/api/v1/incidents").then().statusCode(200).body("items.id", not(hasItem((int) other)));
        f.act(member.token(), other, "START").statusCode(404);
        f.get(elsewhere.token(), id).statusCode(404);

        f.act(member.token(), id, "START").statusCode(200).body("status", equalTo("IN_PROGRESS"));
        f.act(member.token(), id, "RESOLVE").statusCode(400).body("code", equalTo("RESULT_REQUIRED"));
        f.act(member.token(), id, "RESOLVE", Map.of("comment", "已组织楼栋党员清理完毕")).statusCode(200)
                .body("status", equalTo("RESOLVED"));
        f.act(member.token(), id, "VERIFY", Map.of("passed", true)).statusCode(403);
        f.act(f.adminA.token(), id, "VERIFY", Map.of("passed", true)).statusCode(200).body("status", equalTo("CLOSED"));
        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "START", "RESOLVE", "VERIFY_PASS"), flowActions(id));
        assertEquals("HANDLER", rows("SELECT actor_role FROM incident_flow WHERE incident_id = $1 AND action = 'RESOLVE'", id)
                .get(0).getString("actor_role"));
    }

    @Test
    void aCobuildContactHandlesInTheCommunitiesTheirUnitSignedWithAndIsSupervisedAsAnyHandler() {
        Instant wednesday = LocalDateTime.parse("2026-12-02T09:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        clock.setTo(wednesday);
        IncidentFixture f = new IncidentFixture();
        CobuildFixture c = new CobuildFixture(f.tree);
        String phone = phone(f, 3);
        createUnit(f.adminA.token(), c.unit("县环卫公司", phone, f.tree.communityA().id(), "2026-01-01", "2099-12-31"));
        TestTokens.Resident contact = linkedContact(phone);
        String otherPhone = phone(f, 4);
        createUnit(f.adminB.token(), c.unit("县园林公司", otherPhone, f.tree.communityB().id(), "2026-01-01", "2099-12-31"));
        TestTokens.Resident contactB = linkedContact(otherPhone);

        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", contactB.userId())).statusCode(400)
                .body("code", equalTo("ASSIGNEE_OUT_OF_SCOPE"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.resident.userId())).statusCode(400)
                .body("code", equalTo("ASSIGNEE_INVALID"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", contact.userId())).statusCode(200);
        f.act(contact.token(), id, "START").statusCode(200);
        f.get(contactB.token(), id).statusCode(404);

        // late: supervised as any handler's incident, and still theirs to finish
        Instant deadline = rows("SELECT deadline_at FROM incident WHERE id = $1", id).get(0).getOffsetDateTime("deadline_at")
                .toInstant();
        clock.setTo(deadline.plus(Duration.ofMinutes(1)));
        supervisor.runOnce().await().atMost(Duration.ofSeconds(60));
        assertTrue(flowActions(id).contains("OVERDUE"), flowActions(id).toString());
        f.act(contact.token(), id, "RESOLVE", Map.of("comment", "已清运")).statusCode(200).body("status", equalTo("RESOLVED"));
    }
}
