package cn.gridgov.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Rating a closed incident (1 to 5 stars), and what a low rating sets off. */
@ConfigMapping(prefix = "gridgov.rating")
public interface RatingConfig {

    /** How long after closing the reporter may rate (the county plan: 7 days); later ratings get 409. */
    @WithDefault("P7D")
    Duration window();

    /** Ratings of this many stars or fewer open a revisit (回访) task for the community. */
    @WithDefault("2")
    int revisitAtOrBelow();

    /** How long the community has to revisit after a low rating (calendar time). */
    @WithDefault("P3D")
    Duration revisitDeadline();

    /**
     * Whether a closed incident left unrated after {@link #window()} counts as satisfied in the statistics
     * (a county's choice); by default it counts as unrated.
     */
    @WithDefault("false")
    boolean unratedCountsSatisfied();
}
