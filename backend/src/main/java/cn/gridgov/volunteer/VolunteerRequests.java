package cn.gridgov.volunteer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The bodies of the volunteer endpoints. */
public final class VolunteerRequests {

    private VolunteerRequests() {
    }

    /** A logged-in user registering as a volunteer, proving their phone with the phone-number button. */
    public record VolunteerRegistration(
            @NotBlank(message = "请授权手机号") @Size(max = 128) String phoneCode,
            @NotBlank(message = "请填写姓名") @Size(max = 64, message = "姓名最长 64 字") String name,
            @NotNull(message = "请选择服务的社区 communityId") Long communityId,
            @Schema(nullable = true, description = "技能，最多 10 项，每项最长 20 字")
            @Size(max = 10, message = "技能最多 10 项") List<@NotBlank(message = "技能不能为空")
                    @Size(max = 20, message = "每项技能最长 20 字") String> skills,
            @Schema(nullable = true, description = "可服务时间，最多 10 项，每项最长 40 字，如“周末上午”")
            @Size(max = 10, message = "可服务时间最多 10 项") List<@NotBlank(message = "可服务时间不能为空")
                    @Size(max = 40, message = "每项可服务时间最长 40 字") String> availableTimes) {
    }

    /** A volunteer changing their skills and available times. */
    public record VolunteerUpdate(
            @NotNull(message = "请带上版本号 version") Integer version,
            @Schema(nullable = true) @Size(max = 10, message = "技能最多 10 项") List<@NotBlank(message = "技能不能为空")
                    @Size(max = 20, message = "每项技能最长 20 字") String> skills,
            @Schema(nullable = true) @Size(max = 10, message = "可服务时间最多 10 项")
            List<@NotBlank(message = "可服务时间不能为空") @Size(max = 40, message = "每项可服务时间最长 40 字") String> availableTimes) {
    }
}
