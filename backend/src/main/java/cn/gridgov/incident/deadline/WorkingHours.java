package cn.gridgov.incident.deadline;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The working periods of one working day, in order and not overlapping. */
public record WorkingHours(List<Period> periods) {

    /** One period of work within a day, e.g. 08:30-12:00. */
    public record Period(LocalTime start, LocalTime end) {
    }

    public WorkingHours {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("at least one working period is needed");
        }
        for (int i = 0; i < periods.size(); i++) {
            Period p = periods.get(i);
            if (!p.start().isBefore(p.end())) {
                throw new IllegalArgumentException("a working period must end after it starts: " + p);
            }
            if (i > 0 && p.start().isBefore(periods.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods must be in order and not overlap: " + periods);
            }
        }
        periods = List.copyOf(periods);
    }

    /** Parses "08:30-12:00" items. */
    public static WorkingHours parse(List<String> items) {
        List<Period> periods = new ArrayList<>();
        for (String item : items) {
            String[] parts = item.trim().split("-");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("expected HH:mm-HH:mm", item, 0);
                }
                periods.add(new Period(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("gridgov.calendar.working-hours: bad period '" + item
                        + "', expected HH:mm-HH:mm", e);
            }
        }
        return new WorkingHours(periods);
    }

    /** The working time of one full working day. */
    public Duration dayLength() {
        return periods.stream().map(p -> Duration.between(p.start(), p.end())).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return periods.stream().map(p -> p.start() + "-" + p.end()).toList().toString();
    }
}
