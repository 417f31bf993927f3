package cn.gridgov.party.member;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the member and registration endpoints. */
public final class MemberRequests {

    private MemberRequests() {
    }

    /** A member entered by staff of their home organisation. */
    public record NewPartyMember(
            @NotBlank(message = "请填写姓名") @Size(max = 64, message = "姓名最长 64 字") String name,
            @NotBlank(message = "请填写手机号") @Pattern(regexp = "1\\d{10}", message = "手机号应为 11 位数字") String phone,
            @NotNull(message = "请选择组织关系所在的党组织 orgId") Long orgId,
            @Schema(nullable = true) @Size(max = 120, message = "工作单位最长 120 字") String workplace,
            @Schema(nullable = true, description = "是否在职党员，默认否") Boolean inService) {
    }

    /** A member registering themselves in the mini program, proving their phone with the phone-number button. */
    public record PartyMemberSelfRegistration(
            @NotBlank(message = "请授权手机号") @Size(max = 128) String phoneCode,
            @NotBlank(message = "请填写姓名") @Size(max = 64, message = "姓名最长 64 字") String name,
            @NotNull(message = "请选择组织关系所在的党组织 orgId") Long orgId,
            @Schema(nullable = true) @Size(max = 120, message = "工作单位最长 120 字") String workplace,
            @Schema(nullable = true, description = "是否在职党员，默认否") Boolean inService) {
    }

    /** A dual registration with the community where the member lives (and their building there). */
    public record NewRegistration(@NotNull(message = "请选择居住地社区 communityId") Long communityId,
                                  @Schema(nullable = true) Long buildingId) {
    }

    /** Approves a pending registration. */
    public record RegistrationApproval(@NotNull(message = "请带上版本号 version") Integer version) {
    }

    /** Refuses a pending registration, with the reason the member will read. */
    public record RegistrationRefusal(@NotNull(message = "请带上版本号 version") Integer version,
                          @NotBlank(message = "请填写不予通过的原因") @Size(max = 200, message = "原因最长 200 字") String reason) {
    }

    /** Appeals a refusal (once). */
    public record RegistrationAppeal(@NotNull(message = "请带上版本号 version") Integer version,
                         @NotBlank(message = "请填写申诉理由") @Size(max = 200, message = "理由最长 200 字") String reason) {
    }
}
