package cn.gridgov.incident;

import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transition table itself: complete, unambiguous, and read the same way for every party. */
class WorkflowTest {

    private static final Actor COMMUNITY_ADMIN = new Actor(10, Set.of(Role.STAFF, Role.COMMUNITY_ADMIN), "1.2.3", 3L, null);
    private static final Actor WORKER = new Actor(20, Set.of(Role.STAFF, Role.GRID_WORKER), "1.2.3.4", 4L, null);
    private static final Actor OTHER_ADMIN = new Actor(30, Set.of(Role.STAFF, Role.COMMUNITY_ADMIN), "1.2.9", 9L, null);
    private static final Actor REPORTER = new Actor(40, Set.of(Role.RESIDENT), null, null, null);

    @Test
    void everyTransitionActionHasExactlyOneRule() {
        EnumSet<IncidentAction> transitions = EnumSet.complementOf(EnumSet.of(IncidentAction.REPORT,
                IncidentAction.SELF_RESOLVE, IncidentAction.WARN, IncidentAction.OVERDUE, IncidentAction.SUPERVISE,
                IncidentAction.ADD_INFO, IncidentAction.WITHDRAW, IncidentAction.REOPEN));
        // the steps of 吹哨报到 are the department calls' own (cn.gridgov.department), not the incident's transitions
        transitions.removeAll(IncidentAction.DEPARTMENT_STEPS);
        assertEquals(transitions.size(), Workflow.RULES.size());
        transitions.forEach(a -> assertTrue(Workflow.rule(a).isPresent(), a.name()));
        EnumSet.of(IncidentAction.ADD_INFO, IncidentAction.WITHDRAW, IncidentAction.REOPEN).forEach(a -> assertEquals(
                Workflow.Via.OWN_ENDPOINT, Workflow.rule(a).orElseThrow().via(), a.name()));
    }

    @Test
    void whoMayDoWhatFollowsTheTable() {
        Incident reported = incident(IncidentStatus.REPORTED, 20L);
        assertEquals(List.of(IncidentAction.ACCEPT, IncidentAction.REJECT, IncidentAction.ESCALATE),
                Workflow.allowed(reported, COMMUNITY_ADMIN));
        assertEquals(List.of(), Workflow.allowed(reported, WORKER));
        assertEquals(List.of(), Workflow.allowed(reported, OTHER_ADMIN));

        Incident dispatched = incident(IncidentStatus.DISPATCHED, 20L);
        assertEquals(List.of(IncidentAction.START, IncidentAction.RETURN), Workflow.allowed(dispatched, WORKER));

        Incident resolved = incident(IncidentStatus.RESOLVED, 20L);
        assertEquals(List.of(), Workflow.allowed(resolved, WORKER), "the handler does not verify their own fix");
        assertEquals(List.of(IncidentAction.VERIFY_PASS, IncidentAction.VERIFY_FAIL),
                Workflow.allowed(resolved, COMMUNITY_ADMIN));

        assertEquals(List.of(IncidentAction.RATE), Workflow.allowed(incident(IncidentStatus.CLOSED, 20L), REPORTER));
    }

    @Test
    void scopeContainmentIsByWholePathSegments() {
        assertTrue(Workflow.contains("1.2", "1.2.3"));
        assertTrue(Workflow.contains("1.2", "1.2"));
        assertTrue(!Workflow.contains("1.2", "1.23"));
        assertTrue(!Workflow.contains(null, "1.2"));
    }

    private static Incident incident(IncidentStatus status, Long assignee) {
        Instant now = Instant.parse("2026-03-04T02:00:00Z");
        return new Incident(1, 1, "0101", "井盖破损或缺失", IncidentSource.RESIDENT, status, null, "test", 113, 36,
                5, "1.2.3.4", 2L, 3L, 4L, null, 3, "1.2.3", assignee, 40, false, null, now, now, null, null, null,
                null, null, 0, now, false, false);
    }
}
