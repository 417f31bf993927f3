package cn.gridgov.region;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the region tree and its imports ({@code gridgov.region.*}). */
@ConfigMapping(prefix = "gridgov.region")
public interface RegionConfig {

    /** Imports with more features than this run as a background job the client polls (202); smaller ones answer at once. */
    @WithDefault("2000")
    int importJobThreshold();

    /** How far, in metres, a child may stick out of its parent's boundary before an import is refused. */
    @WithDefault("2.0")
    double containmentToleranceMetres();

    /** Features per multi-row statement while an import loads and writes (also the job's progress step). */
    @WithDefault("2000")
    int importBatchSize();
}
