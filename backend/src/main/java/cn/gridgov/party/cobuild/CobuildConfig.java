package cn.gridgov.party.cobuild;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of co-building units (gridgov.cobuild.*): the agreement expiry notice and the share-decision message. */
@ConfigMapping(prefix = "gridgov.cobuild")
public interface CobuildConfig {

    /** How many days before an agreement's last valid day it shows as expiring soon in the community's list. */
    @WithDefault("30")
    int expiryNoticeDays();

    /** The subscribe-message template telling a unit's contact a resource share was decided; none sends no message. */
    Optional<String> shareTemplate();

    /** The mini-program page that message opens; {@code {id}} is the share's id. */
    @WithDefault("pages/cobuild/share?id={id}")
    String sharePage();

    /** Data keys of the share template (they depend on the template chosen in the WeChat console). */
    ShareFields shareFields();

    /** Data keys of the share template. */
    interface ShareFields {
        /** The decision: 已接受 or 已拒绝 (at most five characters). */
        @WithDefault("phrase1")
        String result();

        /** The resource shared. */
        @WithDefault("thing2")
        String resource();

        /** The community on the other side. */
        @WithDefault("thing3")
        String community();

        /** When it was decided. */
        @WithDefault("time4")
        String time();
    }
}
