package cn.gridgov.volunteer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of volunteers, tasks and points (gridgov.volunteer.*): the subscribe messages they are told with. */
@ConfigMapping(prefix = "gridgov.volunteer")
public interface VolunteerConfig {

    /** The subscribe-message template telling a volunteer a task they claimed changed (cancelled, confirmed); none sends no message. */
    Optional<String> taskTemplate();

    /** The mini-program page the task message opens; {@code {id}} is the task's id. */
    @WithDefault("pages/volunteer/task?id={id}")
    String taskPage();

    /** Data keys of the task template (they depend on the template chosen in the WeChat console). */
    TaskFields taskFields();

    /** The subscribe-message template telling a volunteer points were credited; none sends no message. */
    Optional<String> pointsTemplate();

    /** The mini-program page the points message opens. */
    @WithDefault("pages/volunteer/points")
    String pointsPage();

    /** Data keys of the points template. */
    PointsFields pointsFields();

    /** Data keys of the task template. */
    interface TaskFields {
        /** The task's title. */
        @WithDefault("thing1")
        String title();

        /** What happened: 已取消 or 已确认 (at most five characters). */
        @WithDefault("phrase2")
        String status();

        /** The cancellation's reason, or the points earned. */
        @WithDefault("thing3")
        String note();

        /** When it happened. */
        @WithDefault("time4")
        String time();
    }

    /** Data keys of the points template. */
    interface PointsFields {
        /** The points credited. */
        @WithDefault("number1")
        String amount();

        /** The balance after the credit. */
        @WithDefault("number2")
        String balance();

        /** Why: the task's title or the correction's reason. */
        @WithDefault("thing3")
        String reason();

        /** When it was credited. */
        @WithDefault("time4")
        String time();
    }
}
