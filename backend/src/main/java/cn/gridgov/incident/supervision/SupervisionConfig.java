package cn.gridgov.incident.supervision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The supervision scheduler (gridgov.supervision.*): yellow and red marks and 督办 up the tree. */
@ConfigMapping(prefix = "gridgov.supervision")
public interface SupervisionConfig {

    /** Whether this replica runs the scheduler (every replica may: incidents are claimed, never shared). */
    @WithDefault("true")
    boolean enabled();

    /** How often the scheduler looks at open incidents (read by {@link Supervisor}'s {@code @Scheduled} expression). */
    @WithDefault("60s")
    String interval();

    /** The share of an incident's working time after which it is marked yellow. */
    @WithDefault("0.8")
    double warnShare();

    /**
     * How much working time an overdue incident stays overdue after one 督办 before the next node up is
     * asked to press on it (zero: one level per scheduler run).
     */
    @WithDefault("PT8H")
    Duration escalateEvery();

    /** How many incidents one transaction claims. */
    @WithDefault("100")
    int batchSize();
}
