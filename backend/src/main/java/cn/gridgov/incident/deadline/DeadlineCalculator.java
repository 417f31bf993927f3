package cn.gridgov.incident.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Working-time arithmetic on one snapshot of the calendar: when a deadline of N working hours or days
 * falls due, and how much working time lies between two instants (for suspension and "80% used").
 * Weekends and holidays do not count, make-up workdays do. Immutable; pure.
 */
public final class DeadlineCalculator {

    /** Guards against a calendar without working days: no deadline lies ten years ahead. */
    private static final int MAX_DAYS = 3660;

    private final WorkingHours hours;
    private final ZoneId zone;
    private final Map<LocalDate, DayKind> days;

    public DeadlineCalculator(WorkingHours hours, ZoneId zone, Map<LocalDate, DayKind> days) {
        this.hours = hours;
        this.zone = zone;
        this.days = Map.copyOf(days);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayKind kind = days.get(date);
        if (kind != null) {
            return kind == DayKind.MAKEUP_WORKDAY;
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** When {@code amount} working hours or days from {@code start} are used up. */
    public Instant due(Instant start, int amount, DeadlineUnit unit) {
        Duration work = unit == DeadlineUnit.WORKING_HOURS ? Duration.ofHours(amount)
                : hours.dayLength().multipliedBy(amount);
        return plusWorkingTime(start, work);
    }

    /** The earliest instant by which {@code work} of working time has passed since {@code start}. */
    public Instant plusWorkingTime(Instant start, Duration work) {
        if (work.isNegative()) {
            throw new IllegalArgumentException("negative working time: " + work);
        }
        if (work.isZero()) {
            return start;
        }
        Duration remaining = work;
        LocalDate date = start.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            for (WorkingHours.Period period : hours.periods()) {
                Instant periodStart = date.atTime(period.start()).atZone(zone).toInstant();
                Instant periodEnd = date.atTime(period.end()).atZone(zone).toInstant();
                Instant from = periodStart.isAfter(start) ? periodStart : start;
                if (!from.isBefore(periodEnd)) {
                    continue;
                }
                Duration available = Duration.between(from, periodEnd);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }

    /** The working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            for (WorkingHours.Period period : hours.periods()) {
                Instant periodStart = date.atTime(period.start()).atZone(zone).toInstant();
                Instant periodEnd = date.atTime(period.end()).atZone(zone).toInstant();
                Instant a = periodStart.isAfter(from) ? periodStart : from;
                Instant b = periodEnd.isBefore(to) ? periodEnd : to;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    public WorkingHours hours() {
        return hours;
    }

    public ZoneId zone() {
        return zone;
    }
}
