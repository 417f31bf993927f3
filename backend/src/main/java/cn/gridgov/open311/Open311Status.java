package cn.gridgov.open311;

import cn.gridgov.incident.IncidentStatus;

import java.util.EnumSet;
import java.util.Set;

/**
 * GeoReport v2's two states, THE mapping from ours: {@code open} while the incident is still to be worked on or
 * awaits verification of its result, {@code closed} once closed, rejected (or otherwise ended).
 */
public enum Open311Status {
    OPEN, CLOSED;

    /** Our statuses that are {@code open} for Open311. */
    public static final Set<IncidentStatus> OPEN_STATUSES;

    static {
        EnumSet<IncidentStatus> open = EnumSet.copyOf(IncidentStatus.OPEN);
        open.add(IncidentStatus.RESOLVED);
        OPEN_STATUSES = java.util.Collections.unmodifiableSet(open);
    }

    public static Open311Status of(IncidentStatus status) {
        return OPEN_STATUSES.contains(status) ? OPEN : CLOSED;
    }

    public String wire() {
        return name().toLowerCase();
    }

    /** {@code open} or {@code closed}; null for anything else. */
    public static Open311Status parse(String value) {
        return switch (value) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            default -> null;
        };
    }
}
