package cn.gridgov.stats;

import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.time.ApiTime;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days a dashboard covers, both included, as calendar days of Asia/Shanghai: by default the last 30 days up to
 * today; at most {@value #MAX_DAYS} days.
 */
public record StatsPeriod(LocalDate from, LocalDate to) {

    /** The default span when {@code from} is not given. */
    public static final int DEFAULT_DAYS = 30;
    /** The longest span asked for in one request (a leap year). */
    public static final int MAX_DAYS = 366;

    /** The period from the query's {@code from} and {@code to} (ISO dates, each optional), checked. */
    public static StatsPeriod parse(String from, String to, Clock clock) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.ofInstant(clock.instant(), ApiTime.ZONE) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1L) : date("from", from);
        if (start.isAfter(end)) {
            throw new Invalid("BAD_STATS_PERIOD", "开始日期 from（" + start + "）不能晚于结束日期 to（" + end + "）",
                    "from (" + start + ") must not be after to (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new Invalid("STATS_PERIOD_TOO_LONG", "统计区间最长 " + MAX_DAYS + " 天，请缩短 from 到 to 的跨度",
                    "The period may span at most " + MAX_DAYS + " days");
        }
        return new StatsPeriod(start, end);
    }

    /** The first instant of the period (midnight of {@code from} in Asia/Shanghai). */
    public Instant start() {
        return from.atStartOfDay(ApiTime.ZONE).toInstant();
    }

    /** The first instant after the period (midnight after {@code to} in Asia/Shanghai). */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ApiTime.ZONE).toInstant();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new Invalid("BAD_STATS_DATE", name + " 应为日期，格式 YYYY-MM-DD（如 2026-03-01）：" + value,
                    name + " must be a date as YYYY-MM-DD: " + value);
        }
    }
}
