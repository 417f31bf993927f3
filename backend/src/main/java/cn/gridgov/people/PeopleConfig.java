package cn.gridgov.people;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the people work (gridgov.people.*). */
@ConfigMapping(prefix = "gridgov.people")
public interface PeopleConfig {

    /** How long a household claim code handed to a resident by their grid worker stays valid. */
    @WithDefault("72h")
    Duration claimCodeTtl();

    /**
     * How many claim codes one resident may try per {@link #claimAttemptWindow()} before 429: a code is 8 characters
     * of 32, and without a limit an account could try codes until it hit someone's household.
     */
    @WithDefault("10")
    int claimAttemptsPerUser();

    /** The window of {@link #claimAttemptsPerUser()}. */
    @WithDefault("PT1H")
    Duration claimAttemptWindow();
}
