package cn.gridgov.incident.deadline;

/** How a date departs from the Monday-to-Friday rule. */
public enum DayKind {
    /** A public holiday (法定节假日 or a day off moved by 调休): no work even on a weekday. */
    HOLIDAY,
    /** A weekend day worked to make up for a holiday (调休上班). */
    MAKEUP_WORKDAY
}
