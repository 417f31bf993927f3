package cn.gridgov.incident.deadline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Office hours that deadlines are counted in; holidays and make-up workdays are data (working_calendar_day). */
@ConfigMapping(prefix = "gridgov.calendar")
public interface CalendarConfig {

    /** The zone working hours are read in. */
    @WithDefault("Asia/Shanghai")
    String zone();

    /**
     * The working periods of a working day, "HH:mm-HH:mm" in order (a Chinese government office's day:
     * 08:30-12:00 and 14:30-18:00, 7 hours). One working day of a deadline is their total.
     */
    @WithDefault("08:30-12:00,14:30-18:00")
    List<String> workingHours();

    /** How often holidays and make-up workdays are reloaded (read by {@link WorkingCalendar}'s {@code @Scheduled} expression). */
    @WithDefault("5m")
    String refreshEvery();
}
