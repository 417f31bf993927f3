package cn.gridgov.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on what a request may carry, checked by our own route handlers so every refusal is problem+json.
 * Vert.x's codec limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are
 * set well above these, as a last guard that answers without a body.
 */
@ConfigMapping(prefix = "gridgov.http")
public interface HttpLimitsConfig {

    /**
     * The largest body of an endpoint without a limit of its own (the JSON endpoints), in bytes (256 KB); photo
     * uploads ({@code gridgov.media.max-bytes}) and region imports ({@code quarkus.http.limits.max-body-size})
     * have their own.
     */
    @WithDefault("262144")
    long jsonMaxBytes();

    /** The longest request URI (path and query), in characters. */
    @WithDefault("4096")
    int maxUriLength();

    /** The most bytes all request headers together may take (names, values and separators). */
    @WithDefault("20480")
    int maxHeaderBytes();
}
