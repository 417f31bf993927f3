package cn.gridgov.incident.supervision;

import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.DeadlineUnit;
import cn.gridgov.incident.deadline.WorkingHours;
import cn.gridgov.incident.supervision.SupervisionPlan.Kind;
import cn.gridgov.incident.supervision.SupervisionPlan.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The supervision rule on its own: which step comes next for an incident in a given state. */
class SupervisionPlanTest {

    private static final ZoneId CN = ZoneId.of("Asia/Shanghai");
    private static final DeadlineCalculator CALC = new DeadlineCalculator(
            WorkingHours.parse(List.of("08:30-12:00", "14:30-18:00")), CN, Map.of());
    private static final Instant REPORTED = at(2026, 12, 2, 9, 0);
    private static final Instant DEADLINE = at(2026, 12, 2, 15, 30);

    @Test
    void overdueWithoutYellowGoesStraightToRedAndTheFirstPress() {
        List<Step> steps = next(candidate(null, null, 0, null, null), at(2026, 12, 2, 16, 0));
        assertEquals(List.of(Kind.OVERDUE, Kind.SUPERVISE), steps.stream().map(Step::kind).toList());
        assertEquals(3L, steps.get(1).nodeId(), "the owner 1.3.7's parent");
        assertEquals("1.3", steps.get(1).nodePath());
    }

    @Test
    void afterAManualEscalationTheNextPressComesFromAboveTheNewOwner() {
        // pressed on by node 3, then the incident was handed up to node 3 itself: the county (1) is next
        SupervisionCandidate c = new SupervisionCandidate(9, IncidentStatus.ACCEPTED, REPORTED, DEADLINE, 3, "1.3", null,
                4, DeadlineUnit.WORKING_HOURS, DEADLINE, DEADLINE, 1, "1.3", DEADLINE);
        List<Step> steps = SupervisionPlan.next(c, CALC, at(2026, 12, 4, 10, 0), 0.8, Duration.ofHours(8));
        assertEquals(List.of(Kind.SUPERVISE), steps.stream().map(Step::kind).toList());
        assertEquals(1L, steps.get(0).nodeId());
        assertEquals(2, steps.get(0).level());
    }

    @Test
    void nothingAboveTheRootAndNothingTwice() {
        assertEquals(List.of(), next(candidate(DEADLINE, DEADLINE, 2, "1", DEADLINE), at(2026, 12, 30, 10, 0)));
        assertEquals(List.of(), next(candidate(at(2026, 12, 2, 15, 0), null, 0, null, null), at(2026, 12, 2, 15, 10)));
    }

    @Test
    void yellowCountsWorkingTimeOnly() {
        // Wednesday 12:00: three of four working hours used (75%); at lunch nothing moves
        assertEquals(List.of(), next(candidate(null, null, 0, null, null), at(2026, 12, 2, 14, 0)));
        assertEquals(List.of(Kind.WARN), next(candidate(null, null, 0, null, null), at(2026, 12, 2, 14, 45))
                .stream().map(Step::kind).toList());
    }

    private static List<Step> next(SupervisionCandidate c, Instant now) {
        return SupervisionPlan.next(c, CALC, now, 0.8, Duration.ofHours(8));
    }

    private static SupervisionCandidate candidate(Instant warned, Instant overdue, int level, String supervisor,
                                                  Instant escalated) {
        return new SupervisionCandidate(9, IncidentStatus.DISPATCHED, REPORTED, DEADLINE, 7, "1.3.7", 42L, 4,
                DeadlineUnit.WORKING_HOURS, warned, overdue, level, supervisor, escalated);
    }

    private static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(CN).toInstant();
    }
}
