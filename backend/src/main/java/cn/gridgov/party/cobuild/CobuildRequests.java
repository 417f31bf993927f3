package cn.gridgov.party.cobuild;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The bodies of the co-building endpoints. */
public final class CobuildRequests {

    private CobuildRequests() {
    }

    /** A unit registered with a community, with its first agreement. */
    public record CobuildNewUnit(
            @NotBlank(message = "请填写单位名称") @Size(max = 120, message = "单位名称最长 120 字") String name,
            @NotNull(message = "请选择单位类型 kind（AGENCY、PUBLIC_INSTITUTION、ENTERPRISE、SOCIAL_ORGANISATION）") UnitKind kind,
            @Schema(nullable = true, description = "统一社会信用代码（18 位）")
            @Pattern(regexp = "[0-9A-Z]{18}", message = "统一社会信用代码应为 18 位数字或大写字母") String creditCode,
            @Schema(nullable = true) @Size(max = 200, message = "地址最长 200 字") String address,
            @NotBlank(message = "请填写联系人姓名") @Size(max = 64, message = "联系人姓名最长 64 字") String contactName,
            @NotBlank(message = "请填写联系人手机号") @Pattern(regexp = "1\\d{10}", message = "手机号应为 11 位数字") String contactPhone,
            @NotNull(message = "请填写共建协议 agreement") @Valid CobuildAgreementInput agreement) {
    }

    /** A unit's own data changed (its agreements and resources change through their own endpoints). */
    public record CobuildUnitUpdate(
            @NotNull(message = "请带上版本号 version") Integer version,
            @NotBlank(message = "请填写单位名称") @Size(max = 120, message = "单位名称最长 120 字") String name,
            @NotNull(message = "请选择单位类型 kind") UnitKind kind,
            @Schema(nullable = true)
            @Pattern(regexp = "[0-9A-Z]{18}", message = "统一社会信用代码应为 18 位数字或大写字母") String creditCode,
            @Schema(nullable = true) @Size(max = 200, message = "地址最长 200 字") String address,
            @NotBlank(message = "请填写联系人姓名") @Size(max = 64, message = "联系人姓名最长 64 字") String contactName,
            @Schema(nullable = true, description = "新的联系人手机号；不填则不变。换号后须由新联系人在小程序重新关联")
            @Pattern(regexp = "1\\d{10}", message = "手机号应为 11 位数字") String contactPhone) {
    }

    /** An agreement (共建协议) with a community: its dates and both sides' duties. */
    public record CobuildAgreementInput(
            @NotNull(message = "请选择签约社区 communityId") Long communityId,
            @NotNull(message = "请填写签约日期 signedOn") LocalDate signedOn,
            @NotNull(message = "请填写有效期至 validUntil") LocalDate validUntil,
            @NotBlank(message = "请填写社区一方的责任") @Size(max = 1000, message = "社区责任最长 1000 字") String communityDuties,
            @NotBlank(message = "请填写单位一方的责任") @Size(max = 1000, message = "单位责任最长 1000 字") String unitDuties) {
    }

    /** An agreement renewed or corrected. */
    public record CobuildAgreementUpdate(
            @NotNull(message = "请带上版本号 version") Integer version,
            @NotNull(message = "请填写签约日期 signedOn") LocalDate signedOn,
            @NotNull(message = "请填写有效期至 validUntil") LocalDate validUntil,
            @NotBlank(message = "请填写社区一方的责任") @Size(max = 1000, message = "社区责任最长 1000 字") String communityDuties,
            @NotBlank(message = "请填写单位一方的责任") @Size(max = 1000, message = "单位责任最长 1000 字") String unitDuties) {
    }

    /** An agreement ended before its term, with the reason. */
    public record CobuildAgreementEnd(
            @NotNull(message = "请带上版本号 version") Integer version,
            @NotBlank(message = "请填写终止原因") @Size(max = 200, message = "原因最长 200 字") String reason) {
    }

    /** A resource or service a unit offers. */
    public record CobuildResourceInput(
            @Schema(nullable = true, description = "修改时必填：当前版本号") Integer version,
            @NotNull(message = "请选择资源类型 kind（VENUE、EQUIPMENT、VOLUNTEER_SERVICE、FUNDS）") ResourceKind kind,
            @NotBlank(message = "请填写资源名称") @Size(max = 120, message = "资源名称最长 120 字") String name,
            @NotBlank(message = "请填写容量或数额（capacity）") @Size(max = 120, message = "容量最长 120 字") String capacity,
            @NotBlank(message = "请填写可用时间（availability）") @Size(max = 200, message = "可用时间最长 200 字") String availability,
            @Schema(nullable = true, description = "是否仍可提供，默认是") Boolean active) {
    }

    /** A share started: a community requests a unit's resource, or the unit offers it to a community. */
    public record CobuildNewShare(
            @NotNull(message = "请选择资源 resourceId") Long resourceId,
            @NotNull(message = "请选择社区 communityId") Long communityId,
            @NotNull(message = "请选择方式 kind（REQUEST：社区申请；OFFER：单位提供）") ShareKind kind,
            @NotBlank(message = "请填写用途") @Size(max = 500, message = "用途最长 500 字") String purpose,
            @Schema(nullable = true, description = "计划使用日期") LocalDate wantedOn) {
    }

    /** A step on a share that needs only the version (accept). */
    public record CobuildShareStep(@NotNull(message = "请带上版本号 version") Integer version,
                                   @Schema(nullable = true, description = "拒绝或取消时的原因（拒绝时必填）")
                                   @Size(max = 200, message = "原因最长 200 字") String reason) {
    }

    /** The use of an accepted share, recorded with its date and outcome. */
    public record CobuildShareUse(@NotNull(message = "请带上版本号 version") Integer version,
                                  @NotNull(message = "请填写使用日期 usedOn") LocalDate usedOn,
                                  @NotBlank(message = "请填写使用成效 outcome") @Size(max = 500, message = "成效最长 500 字") String outcome) {
    }

    /** The caller proves, with WeChat's phone button, that they are a unit's contact person. */
    public record CobuildContactLink(@NotBlank(message = "请授权手机号") @Size(max = 128) String phoneCode) {
    }
}
