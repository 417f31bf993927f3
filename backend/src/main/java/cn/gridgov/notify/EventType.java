package cn.gridgov.notify;

import cn.gridgov.incident.IncidentAction;

import java.util.Locale;

/** What a feed event (and a subscribe message) says happened, derived from the flow row's action. */
public enum EventType {
    CREATED, TRANSITIONED, YELLOW, RED, ESCALATED;

    public static EventType of(IncidentAction action) {
        return switch (action) {
            case REPORT -> CREATED;
            case WARN, DEPT_WARN -> YELLOW;
            case OVERDUE, DEPT_OVERDUE -> RED;
            case SUPERVISE, DEPT_SUPERVISE -> ESCALATED;
            default -> TRANSITIONED;
        };
    }

    /** The name in JSON and in configuration keys ({@code gridgov.notify.templates.red}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
