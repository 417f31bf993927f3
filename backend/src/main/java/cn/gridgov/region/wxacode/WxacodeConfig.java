package cn.gridgov.region.wxacode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Building and grid codes: which mini-program page a scanned code opens, and how the codes are made. */
@ConfigMapping(prefix = "gridgov.wxacode")
public interface WxacodeConfig {

    /** The mini-program page a scanned code opens (the request form); it reads {@code scene} from {@code onLoad}. */
    @WithDefault("pages/request/new")
    String page();

    /** Which version of the mini program the code opens: {@code release}, {@code trial} or {@code develop}. */
    @WithDefault("release")
    String envVersion();

    /** The code's width in pixels (WeChat accepts 280 to 1280). */
    @WithDefault("430")
    int width();

    /** The most buildings one ZIP of a compound's codes may hold. */
    @WithDefault("500")
    int zipMaxBuildings();
}
