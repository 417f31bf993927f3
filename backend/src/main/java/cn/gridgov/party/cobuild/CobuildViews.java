package cn.gridgov.party.cobuild;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What the co-building endpoints answer; the contact's phone is always masked ({@code 138****1234}). */
public final class CobuildViews {

    private CobuildViews() {
    }

    /** A co-building unit with its agreements in the caller's scope and its resources. */
    public record CobuildUnitView(
            long id,
            String name,
            @Schema(description = "AGENCY 机关、PUBLIC_INSTITUTION 事业单位、ENTERPRISE 企业、SOCIAL_ORGANISATION 社会组织") UnitKind kind,
            @Schema(nullable = true, description = "统一社会信用代码") String creditCode,
            @Schema(nullable = true) String address,
            String contactName,
            @Schema(description = "联系人脱敏手机号") String contactPhone,
            @Schema(nullable = true, description = "联系人关联的小程序用户 id（联系人在小程序验证手机号后才有）：派单给该联系人时作 assigneeId")
            Long contactUserId,
            int version,
            OffsetDateTime createdAt,
            @Schema(description = "调用者辖区内社区与该单位的共建协议（单位联系人看到全部）") List<CobuildAgreementView> agreements,
            List<CobuildResourceView> resources) {
    }

    /** An agreement of a unit with a community: a line of the community's list of co-building units. */
    public record CobuildAgreementView(
            long id,
            long unitId,
            String unitName,
            UnitKind unitKind,
            long communityId,
            String communityName,
            @Schema(description = "签约日期") LocalDate signedOn,
            @Schema(description = "有效期至（含当日）") LocalDate validUntil,
            @Schema(description = "社区一方的责任") String communityDuties,
            @Schema(description = "单位一方的责任") String unitDuties,
            @Schema(description = "ACTIVE（有效）或 ENDED（已提前终止）") String status,
            @Schema(nullable = true, description = "提前终止的原因") String endReason,
            @Schema(description = "是否已过有效期") boolean expired,
            @Schema(description = "是否即将到期：距有效期最后一天不超过 30 天（可配置）且尚未过期") boolean expiringSoon,
            @Schema(description = "距有效期最后一天的天数（当天为 0，过期为负）") long daysLeft,
            String contactName,
            @Schema(description = "联系人脱敏手机号") String contactPhone,
            int version) {
    }

    /** A resource or service a unit offers. */
    public record CobuildResourceView(
            long id,
            long unitId,
            @Schema(description = "VENUE 场地、EQUIPMENT 设备、VOLUNTEER_SERVICE 志愿服务、FUNDS 资金") ResourceKind kind,
            String name,
            @Schema(description = "容量或数额，如「可容纳 80 人」「每年 2 万元」") String capacity,
            @Schema(description = "可用时间，如「每周六上午」") String availability,
            boolean active,
            int version) {
    }

    /** A resource share: requested by a community or offered by the unit, then accepted or declined, then used. */
    public record CobuildShareView(
            long id,
            @Schema(description = "REQUEST 社区申请，OFFER 单位提供") ShareKind kind,
            @Schema(description = "PENDING 待答复、ACCEPTED 已接受、DECLINED 已拒绝、CANCELLED 已取消、USED 已使用") String status,
            long resourceId,
            String resourceName,
            ResourceKind resourceKind,
            long unitId,
            String unitName,
            long communityId,
            String communityName,
            String purpose,
            @Schema(nullable = true, description = "计划使用日期") LocalDate wantedOn,
            @Schema(nullable = true) String declineReason,
            @Schema(nullable = true, description = "实际使用日期") LocalDate usedOn,
            @Schema(nullable = true, description = "使用成效") String outcome,
            @Schema(nullable = true) OffsetDateTime decidedAt,
            @Schema(nullable = true) OffsetDateTime recordedAt,
            @Schema(description = "调用者此刻可执行的操作：ACCEPT、DECLINE、CANCEL、RECORD_USE") List<ShareFlow.Action> allowedActions,
            int version,
            OffsetDateTime createdAt) {
    }
}
