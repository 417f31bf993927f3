package cn.gridgov.stats;

import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;
import io.vertx.mutiny.sqlclient.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one node (or child) summed from the aggregate rows of {@link StatsSql#OVERVIEW}: one row per
 * dimension and key (V7_93 says what each dimension counts). The median handling time is taken from the handling-time
 * histogram (dimension H, whose key is the bucket's mid-point in seconds) the way {@code percentile_cont(0.5)} takes
 * it from a sorted list, so it is exact at the histogram's resolution (V7_93 {@code stats_handling_bucket}).
 */
final class StatsTally {

    private static final double SECONDS_PER_HOUR = 3600.0;

    private long received;
    private final Map<String, Long> byStatus = new LinkedHashMap<>();
    private final Map<String, Long> bySource = new LinkedHashMap<>();
    private final List<StatsCategoryCount> byCategory = new ArrayList<>();
    private long closed;
    private double handlingSeconds;
    private final TreeMap<Long, Long> handlingBuckets = new TreeMap<>();
    private long closedOnTime;
    private long rated;
    private long stars;
    private long satisfied;
    private long open;
    private long yellow;
    private long red;
    private long supervised;

    StatsTally() {
        for (IncidentStatus s : IncidentStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        for (IncidentSource s : IncidentSource.values()) {
            bySource.put(s.name(), 0L);
        }
    }

    /** Adds one row (node, dim, key, n, seconds) of {@link StatsSql#OVERVIEW}. */
    void add(Row row) {
        String key = row.getString("key");
        long n = row.getLong("n");
        switch (row.getString("dim")) {
            case "S" -> {
                received += n;
                byStatus.merge(key, n, Long::sum);
            }
            case "O" -> bySource.merge(key, n, Long::sum);
            case "C" -> byCategory.add(new StatsCategoryCount(Long.parseLong(key), row.getString("category_code"),
                    row.getString("category_name"), n));
            case "H" -> {
                closed += n;
                handlingSeconds += row.getDouble("seconds");
                handlingBuckets.merge(Long.parseLong(key), n, Long::sum);
            }
            case "T" -> closedOnTime += n;
            case "A" -> {
                int rating = Integer.parseInt(key);
                rated += n;
                stars += rating * n;
                if (rating >= 4) {
                    satisfied += n;
                }
            }
            case "N" -> open += ifOpen(key, n);
            case "Y" -> yellow += ifOpen(key, n);
            case "R" -> red += ifOpen(key, n);
            case "P" -> supervised += ifOpen(key, n);
            default -> throw new IllegalStateException("unexpected dimension " + row.getString("dim"));
        }
    }

    private static long ifOpen(String status, long n) {
        return IncidentStatus.OPEN.contains(IncidentStatus.valueOf(status)) ? n : 0;
    }

    StatsFigures figures() {
        byCategory.sort(Comparator.comparingLong(StatsCategoryCount::count).reversed()
                .thenComparing(StatsCategoryCount::code));
        return new StatsFigures(received, byStatus, bySource, byCategory, closed, closedOnTime,
                closed == 0 ? null : round(closedOnTime / (double) closed, 4),
                closed == 0 ? null : round(handlingSeconds / closed / SECONDS_PER_HOUR, 2),
                round(medianHours(), 2), rated, rated == 0 ? null : round(stars / (double) rated, 2),
                rated == 0 ? null : round(satisfied / (double) rated, 4), open, yellow, red, supervised);
    }

    /** {@code percentile_cont(0.5)} of the bucket mid-points, in hours: the middle one, or the mean of the middle two. */
    private Double medianHours() {
        if (closed == 0) {
            return null;
        }
        long lower = (closed - 1) / 2;  // 0-based ranks of the middle element(s)
        long upper = closed / 2;
        Long atLower = null;
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : handlingBuckets.entrySet()) {
            seen += bucket.getValue();
            if (atLower == null && seen > lower) {
                atLower = bucket.getKey();
            }
            if (seen > upper) {
                return (atLower + bucket.getKey()) / 2.0 / SECONDS_PER_HOUR;
            }
        }
        throw new IllegalStateException("handling histogram holds fewer than " + closed + " incidents");
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
