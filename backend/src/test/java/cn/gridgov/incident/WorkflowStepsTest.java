package cn.gridgov.incident;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steps taken with a report, the once-only steps and the aliases are rows of the one table too. */
class WorkflowStepsTest {

    private static final Actor WORKER = new Actor(20, Set.of(Role.STAFF, Role.GRID_WORKER), "1.2.3.4", 4L, null);
    private static final Actor LEADER_AND_WORKER =
            new Actor(21, Set.of(Role.STAFF, Role.GRID_WORKER, Role.GRID_LEADER), "1.2.3", 3L, null);
    private static final Actor RESIDENT = new Actor(40, Set.of(Role.RESIDENT), null, null, null);

    @Test
    void resolvingOnTheSpotIsAStaffReportersStepTakenWithTheReport() {
        Workflow.Rule rule = Workflow.rule(IncidentAction.SELF_RESOLVE).orElseThrow();
        assertEquals(Workflow.Via.REPORT, rule.via());
        assertEquals(IncidentStatus.CLOSED, rule.to());
        assertFalse(Workflow.RULES.contains(rule), "not a step of the transitions endpoint");
        assertEquals(Optional.of(Role.GRID_WORKER), Workflow.reportingRole(rule.party(), WORKER));
        assertEquals(Optional.empty(), Workflow.reportingRole(rule.party(), RESIDENT));
        Invalid noPhoto = assertThrows(Invalid.class, () -> Workflow.checkNeeds(rule, null, true, false, false));
        assertEquals("RESULT_PHOTO_REQUIRED", noPhoto.code());
        Workflow.checkNeeds(rule, null, false, true, false);
    }

    @Test
    void ratingIsTakenOnceOnly() {
        Workflow.Rule rate = Workflow.rule(IncidentAction.RATE).orElseThrow();
        Incident closed = incident(null);
        Incident rated = incident(Instant.parse("2026-03-05T02:00:00Z"));
        assertEquals(List.of(IncidentAction.RATE), Workflow.allowed(closed, RESIDENT));
        assertEquals(List.of(), Workflow.allowed(rated, RESIDENT));
        assertFalse(Workflow.taken(rate, closed));
        assertTrue(Workflow.taken(rate, rated));
        Conflict again = assertThrows(Conflict.class, () -> Workflow.checkNeeds(rate, rated, false, false, true));
        assertEquals("ALREADY_RATED", again.code());
        assertEquals(409, again.status());
    }

    @Test
    void verifyIsAnAliasOfThePassAndFailSteps() {
        Workflow.Alias verify = Workflow.ALIASES.get("VERIFY");
        assertEquals(IncidentAction.VERIFY_PASS, verify.passed());
        assertEquals(IncidentAction.VERIFY_FAIL, verify.failed());
        assertEquals(IncidentAction.VERIFY_FAIL, new TransitionRequest("verify", 0, null, null, null, null, false, null)
                .parsedAction());
        Invalid selfResolve = assertThrows(Invalid.class, () -> new TransitionRequest("SELF_RESOLVE", 0, null, null,
                null, null, null, null).parsedAction());
        assertEquals("UNKNOWN_ACTION", selfResolve.code());
    }

    @Test
    void theHighestRoleIsChosenOnceForEveryParty() {
        assertEquals(Role.GRID_LEADER, Workflow.reporterRole(LEADER_AND_WORKER));
        assertEquals(Role.RESIDENT, Workflow.reporterRole(RESIDENT));
        assertEquals(Optional.of(Role.GRID_LEADER), Role.highest(LEADER_AND_WORKER.roles(), Role.STAFF_ROLES));
        assertEquals(2, LEADER_AND_WORKER.rank());
    }

    private static Incident incident(Instant ratedAt) {
        Instant now = Instant.parse("2026-03-04T02:00:00Z");
        return new Incident(1, 1, "0101", "井盖破损或缺失", IncidentSource.RESIDENT, IncidentStatus.CLOSED, null, "test",
                113, 36, 5, "1.2.3.4", 2L, 3L, 4L, null, 3, "1.2.3", 20L, 40, false, null, now, now, null, now,
                ratedAt == null ? null : 5, null, ratedAt, 0, now, false, false);
    }
}
