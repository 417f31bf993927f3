package cn.gridgov.stats;

import java.time.LocalDate;

/** One day (Asia/Shanghai) of the series: incidents received that day, and incidents closed that day. */
public record StatsDay(LocalDate day, long received, long closed) {
}
