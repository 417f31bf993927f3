package cn.gridgov.resident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The public board (政务公开): how often one address may ask, and how long answers may be cached. */
@ConfigMapping(prefix = "gridgov.public-board")
public interface PublicBoardConfig {

    /** Requests one client address may make per {@link #window()} before 429 (both board endpoints together). */
    @WithDefault("120")
    int requestsPerAddress();

    /** The window of {@link #requestsPerAddress()}. */
    @WithDefault("PT1M")
    Duration window();

    /** How long clients and shared caches may keep an answer (Cache-Control max-age). */
    @WithDefault("PT1M")
    Duration maxAge();
}
