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
}
