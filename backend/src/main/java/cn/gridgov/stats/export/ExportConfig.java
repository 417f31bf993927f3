package cn.gridgov.stats.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the streamed incident exports ({@code /api/v1/exports}). */
@ConfigMapping(prefix = "gridgov.exports")
public interface ExportConfig {

    /**
     * The most rows one export may hold; a filter matching more is refused (422 EXPORT_TOO_LARGE) before anything
     * is written. An .xlsx sheet holds at most 1,048,575 rows under its header, whatever this says.
     */
    @WithDefault("1000000")
    long maxRows();

    /** Rows fetched from the database cursor at a time: the memory an export holds does not grow with its size. */
    @WithDefault("1000")
    int fetchSize();
}
