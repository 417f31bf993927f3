package cn.gridgov.incident;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an incident stands in the handling loop (DESIGN.md "The incident pipeline"), and THE status sets:
 * SQL that needs one renders it with {@link #sql(Set)} instead of restating it.
 */
public enum IncidentStatus {
    REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED, SUSPENDED,
    /** Withdrawn by its reporter while open: no longer worked on, counted with the ended ones. */
    WITHDRAWN;

    /** Still to be worked on: counts for duplicates, overdue and suspension. */
    public static final Set<IncidentStatus> OPEN =
            Collections.unmodifiableSet(EnumSet.of(REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, SUSPENDED));

    /** The deadline clock runs in these (not once resolved, closed, rejected, nor while suspended). */
    public static final Set<IncidentStatus> CLOCK_RUNNING =
            Collections.unmodifiableSet(EnumSet.of(REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS));

    /** Someone is on it: what can be suspended. */
    public static final Set<IncidentStatus> HANDLING =
            Collections.unmodifiableSet(EnumSet.of(ACCEPTED, DISPATCHED, IN_PROGRESS));

    /** No longer worked on (办结, rejected or withdrawn): what statistics count as closed. */
    public static final Set<IncidentStatus> ENDED =
            Collections.unmodifiableSet(EnumSet.of(CLOSED, REJECTED, WITHDRAWN));

    /** {@code statuses} as an SQL list for {@code status IN ...}: {@code ('REPORTED', 'ACCEPTED')}, in declaration order. */
    public static String sql(Set<IncidentStatus> statuses) {
        return EnumSet.copyOf(statuses).stream().map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
