package cn.gridgov.console;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Settings of the dispatch console served at /console/ ({@code gridgov.console.*}). */
@ConfigMapping(prefix = "gridgov.console")
public interface ConsoleConfig {

    /**
     * A raster base map under the console's map, as an XYZ tile URL template with {z}, {x} and {y} (Web Mercator,
     * WGS-84, e.g. Tianditu's vec_w with your key); unset, the map shows the region boundaries only, which works
     * without internet access. A GCJ-02 map (Tencent, AMap) sits a few hundred metres off the WGS-84 tiles.
     */
    Optional<String> baseMapUrl();

    /** The attribution shown under the base map (its provider's required notice), when one is set. */
    Optional<String> baseMapAttribution();
}
