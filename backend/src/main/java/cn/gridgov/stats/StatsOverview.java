package cn.gridgov.stats;

import cn.gridgov.region.RegionLevel;

import java.time.LocalDate;
import java.util.List;

/**
 * A node's dashboard for a period: its figures, the same for each child node, and the daily series of received and
 * closed incidents.
 */
public record StatsOverview(long regionId, String code, String name, RegionLevel level, LocalDate from, LocalDate to,
                            StatsFigures figures, List<StatsChild> children, List<StatsDay> days) {
}
