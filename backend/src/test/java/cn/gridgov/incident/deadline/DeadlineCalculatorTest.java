package cn.gridgov.incident.deadline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Working-time arithmetic around the 2026 holidays (the State Council's schedule) and make-up workdays. */
class DeadlineCalculatorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DeadlineCalculator CALC = new DeadlineCalculator(
            WorkingHours.parse(List.of("08:30-12:00", "14:30-18:00")), SHANGHAI, calendar2026());

    @Test
    void makeUpSaturdayCountsAndTheSpringFestivalDoesNot() {
        // Friday 13 Feb + 2 working days: Saturday 14 Feb (调休上班) counts, 15-23 Feb are off
        assertEquals(at("2026-02-14T10:00"), CALC.due(at("2026-02-13T10:00"), 1, DeadlineUnit.WORKING_DAYS));
        assertEquals(at("2026-02-24T10:00"), CALC.due(at("2026-02-13T10:00"), 2, DeadlineUnit.WORKING_DAYS));
    }

    @Test
    void nationalDayWeekIsSkippedAndItsMakeUpSaturdayCounts() {
        assertEquals(at("2026-10-08T10:00"), CALC.due(at("2026-09-30T10:00"), 1, DeadlineUnit.WORKING_DAYS));
        assertEquals(at("2026-10-09T10:00"), CALC.due(at("2026-09-30T10:00"), 2, DeadlineUnit.WORKING_DAYS));
        assertEquals(at("2026-10-10T10:00"), CALC.due(at("2026-09-30T10:00"), 3, DeadlineUnit.WORKING_DAYS));
        assertEquals(at("2026-10-12T10:00"), CALC.due(at("2026-09-30T10:00"), 4, DeadlineUnit.WORKING_DAYS));
    }

    @Test
    void ordinaryWeekendIsSkipped() {
        assertEquals(at("2026-03-09T10:00"), CALC.due(at("2026-03-06T10:00"), 1, DeadlineUnit.WORKING_DAYS));
    }

    @Test
    void workingHoursSkipTheLunchBreakAndTheNight() {
        // Friday 11:00 + 4 h: 11:00-12:00, then 14:30-17:30
        assertEquals(at("2026-03-06T17:30"), CALC.due(at("2026-03-06T11:00"), 4, DeadlineUnit.WORKING_HOURS));
        // reported Friday 13 Feb at 20:00: counting starts on the make-up Saturday morning
        assertEquals(at("2026-02-14T15:00"), CALC.due(at("2026-02-13T20:00"), 4, DeadlineUnit.WORKING_HOURS));
        // a deadline that fills a period exactly ends with it, not after the lunch break
        assertEquals(at("2026-03-06T12:00"), CALC.plusWorkingTime(at("2026-03-06T08:30"), Duration.ofMinutes(210)));
    }

    @Test
    void reportOnAHolidayStartsCountingOnTheNextWorkingDay() {
        assertEquals(at("2026-02-24T09:30"), CALC.due(at("2026-02-16T10:00"), 1, DeadlineUnit.WORKING_HOURS));
        assertEquals(at("2026-01-04T09:30"), CALC.due(at("2026-01-02T10:00"), 1, DeadlineUnit.WORKING_HOURS),
                "Sunday 4 Jan is a make-up workday");
    }

    @Test
    void workingTimeBetweenTwoInstantsCountsOnlyWorkingPeriods() {
        assertEquals(Duration.ofMinutes(90), CALC.workingTimeBetween(at("2026-03-06T11:00"), at("2026-03-06T15:00")));
        // Friday 17:00 -> Tuesday 24 Feb 09:00: 1 h Friday + 7 h make-up Saturday + 30 min Tuesday
        assertEquals(Duration.ofMinutes(510), CALC.workingTimeBetween(at("2026-02-13T17:00"), at("2026-02-24T09:00")));
        assertEquals(Duration.ZERO, CALC.workingTimeBetween(at("2026-10-01T09:00"), at("2026-10-07T18:00")));
        assertEquals(Duration.ZERO, CALC.workingTimeBetween(at("2026-03-06T15:00"), at("2026-03-06T11:00")));
    }

    @Test
    void addingTheWorkingTimeBetweenGivesBackTheEnd() {
        Instant start = at("2026-09-29T16:45");
        for (String end : List.of("2026-09-30T09:10", "2026-10-08T11:59", "2026-10-10T17:00", "2026-12-31T14:31")) {
            Duration spent = CALC.workingTimeBetween(start, at(end));
            assertEquals(at(end), CALC.plusWorkingTime(start, spent), end);
        }
    }

    @Test
    void weekdaysHolidaysAndMakeUpDaysAreToldApart() {
        assertTrue(CALC.isWorkingDay(LocalDate.parse("2026-02-28")), "make-up Saturday");
        assertFalse(CALC.isWorkingDay(LocalDate.parse("2026-05-05")), "Labour Day Tuesday");
        assertFalse(CALC.isWorkingDay(LocalDate.parse("2026-03-07")), "ordinary Saturday");
        assertTrue(CALC.isWorkingDay(LocalDate.parse("2026-03-09")), "ordinary Monday");
    }

    @Test
    void workingHoursMustBeOrderedPeriods() {
        assertThrows(IllegalArgumentException.class, () -> WorkingHours.parse(List.of("14:00-12:00")));
        assertThrows(IllegalArgumentException.class, () -> WorkingHours.parse(List.of("08:00-12:00", "11:00-13:00")));
        assertThrows(IllegalArgumentException.class, () -> WorkingHours.parse(List.of("8h-12h")));
        assertEquals(Duration.ofHours(7), WorkingHours.parse(List.of("08:30-12:00", "14:30-18:00")).dayLength());
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    /** The 2026 notice's dates, as the migration seeds them. */
    private static Map<LocalDate, DayKind> calendar2026() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        String[][] holidays = {{"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
                {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
                {"2026-10-01", "2026-10-07"}};
        for (String[] range : holidays) {
            for (LocalDate d = LocalDate.parse(range[0]); !d.isAfter(LocalDate.parse(range[1])); d = d.plusDays(1)) {
                days.put(d, DayKind.HOLIDAY);
            }
        }
        for (String d : List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")) {
            days.put(LocalDate.parse(d), DayKind.MAKEUP_WORKDAY);
        }
        return days;
    }
}
