package cn.gridgov.incident;

import java.util.Set;

/** Where an incident stands in the handling loop (DESIGN.md "The incident pipeline"). */
public enum IncidentStatus {
    REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED, SUSPENDED;

    /** Still to be worked on: counts for duplicates, overdue and suspension. */
    public static final Set<IncidentStatus> OPEN = Set.of(REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, SUSPENDED);

    /** The deadline clock runs in these (not once resolved, closed, rejected, nor while suspended). */
    public static final Set<IncidentStatus> CLOCK_RUNNING = Set.of(REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS);
}
