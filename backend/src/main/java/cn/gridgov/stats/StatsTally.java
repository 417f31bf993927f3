package cn.gridgov.stats;

import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;
import io.vertx.mutiny.sqlclient.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one node (or child) gathered from the rows of {@link StatsSql#OVERVIEW}: the totals row, and
 * one row per status, per source and per category.
 */
final class StatsTally {

    private Row totals;
    private final Map<String, Long> byStatus = new LinkedHashMap<>();
    private final Map<String, Long> bySource = new LinkedHashMap<>();
    private final List<StatsCategoryCount> byCategory = new ArrayList<>();

    StatsTally() {
        for (IncidentStatus s : IncidentStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        for (IncidentSource s : IncidentSource.values()) {
            bySource.put(s.name(), 0L);
        }
    }

    void totals(Row row) {
        totals = row;
    }

    void status(Row row) {
        byStatus.put(row.getString("status"), row.getLong("received"));
    }

    void source(Row row) {
        bySource.put(row.getString("source"), row.getLong("received"));
    }

    void category(Row row) {
        long received = row.getLong("received");
        if (received > 0) {
            byCategory.add(new StatsCategoryCount(row.getLong("category_id"), row.getString("category_code"),
                    row.getString("category_name"), received));
        }
    }

    StatsFigures figures() {
        byCategory.sort(Comparator.comparingLong(StatsCategoryCount::count).reversed()
                .thenComparing(StatsCategoryCount::code));
        if (totals == null) {
            return new StatsFigures(0, byStatus, bySource, byCategory, 0, 0, null, null, null, 0, null, null, 0, 0, 0, 0);
        }
        long closed = totals.getLong("closed");
        long closedOnTime = totals.getLong("closed_on_time");
        long rated = totals.getLong("rated");
        long satisfied = totals.getLong("satisfied");
        return new StatsFigures(totals.getLong("received"), byStatus, bySource, byCategory, closed, closedOnTime,
                closed == 0 ? null : round(closedOnTime / (double) closed, 4),
                round(totals.getDouble("mean_hours"), 2), round(totals.getDouble("median_hours"), 2), rated,
                round(totals.getDouble("mean_rating"), 2), rated == 0 ? null : round(satisfied / (double) rated, 4),
                totals.getLong("open"), totals.getLong("yellow"), totals.getLong("red"), totals.getLong("supervised"));
    }

    static StatsFigures empty() {
        return new StatsTally().figures();
    }

    private static Double round(Double value, int places) {
        if (value == null) {
            return null;
        }
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
