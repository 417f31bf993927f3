package cn.gridgov.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits on reporting, so one account cannot flood the dispatchers (or the database). */
@ConfigMapping(prefix = "gridgov.incident")
public interface ReportConfig {

    /** How many incidents one user may report per {@link #reportWindow()} before 429 (generous for a patrol). */
    @WithDefault("60")
    int reportsPerUser();

    /**
     * How many incidents another system (an Open311 client, reporting for many people under one account) may
     * report per {@link #reportWindow()} before 429.
     */
    @WithDefault("1000")
    int reportsPerSystem();

    /** The window of {@link #reportsPerUser()} and {@link #reportsPerSystem()}. */
    @WithDefault("PT1H")
    Duration reportWindow();
}
