package cn.gridgov.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Moderation of residents' content: when warnings turn into a mute, and for how long. */
@ConfigMapping(prefix = "gridgov.moderation")
public interface ModerationConfig {

    /** A resident warned this many times (HIDE_AND_WARN) within {@link #warningWindow()} is muted automatically. */
    @WithDefault("3")
    int warningsBeforeMute();

    /** The period over which warnings are counted. */
    @WithDefault("P30D")
    Duration warningWindow();

    /** How long an automatic mute lasts. */
    @WithDefault("P7D")
    Duration muteFor();
}
