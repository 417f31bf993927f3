package cn.gridgov.setup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The first start of a deployment: the county's region tree and its first county admin, who can then create
 * every other account and import further changes through the API.
 */
@ConfigMapping(prefix = "gridgov.setup")
public interface SetupConfig {

    /** A GeoJSON FeatureCollection (the import format) whose root is the county; imported at start, idempotently. */
    Optional<String> regionsFile();

    /** The first COUNTY_ADMIN's username, created on the county root when missing. */
    Optional<String> adminUsername();

    /** The first COUNTY_ADMIN's password (give it through the environment: GRIDGOV_SETUP_ADMIN_PASSWORD). */
    Optional<String> adminPassword();

    /** How long start-up waits for the regions import, in seconds. */
    @WithDefault("900")
    int importTimeoutSeconds();
}
