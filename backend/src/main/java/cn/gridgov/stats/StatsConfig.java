package cn.gridgov.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's aggregate (gridgov.stats.*): how the deltas written by the incident triggers are folded in. */
@ConfigMapping(prefix = "gridgov.stats")
public interface StatsConfig {

    /** Whether this replica runs the compactor (any number may: one folds at a time, by an advisory lock). */
    @WithDefault("true")
    boolean compactorEnabled();

    /**
     * How often the compactor folds the deltas into the daily aggregate (read by {@link StatsCompactor}'s
     * {@code @Scheduled} expression). The figures are exact either way; unfolded deltas only make reads longer.
     */
    @WithDefault("10s")
    String compactEvery();

    /**
     * The most delta rows one fold takes (the rest wait for the next run). A row holds what one writing statement
     * contributed (V7_101): a report's about 20 entries, an import's or a re-districting's up to 1,000 per row.
     */
    @WithDefault("5000")
    int compactBatch();
}
