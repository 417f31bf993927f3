package cn.gridgov.incident.deadline;

import java.time.LocalDate;

/** A date that departs from the Monday-to-Friday rule, with its name (春节, 国庆节调休上班). */
public record CalendarDay(LocalDate date, DayKind kind, String name) {
}
