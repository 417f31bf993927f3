package cn.gridgov.party;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the Party work (gridgov.party.*): household links and the subscribe message of a decided registration. */
@ConfigMapping(prefix = "gridgov.party")
public interface PartyConfig {

    /** How many households one Party member may be linked to (党员联户). */
    @WithDefault("10")
    int householdLinksMax();

    /** The subscribe-message template telling a member their dual registration was decided; none sends no message. */
    Optional<String> registrationTemplate();

    /** The mini-program page that message opens; {@code {id}} is the registration's id. */
    @WithDefault("pages/party/registration?id={id}")
    String registrationPage();

    /** Data keys of the registration template (they depend on the template chosen in the WeChat console). */
    RegistrationFields registrationFields();

    /** Data keys of the registration template. */
    interface RegistrationFields {
        /** The decision: 已通过 or 未通过 (at most five characters). */
        @WithDefault("phrase1")
        String result();

        /** The community registered with. */
        @WithDefault("thing2")
        String community();

        /** The refusal's reason, or what to do next. */
        @WithDefault("thing3")
        String note();

        /** When it was decided. */
        @WithDefault("time4")
        String time();
    }
}
