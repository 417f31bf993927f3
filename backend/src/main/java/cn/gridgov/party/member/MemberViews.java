package cn.gridgov.party.member;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** What the member endpoints answer; phone numbers are always masked ({@code 138****1234}). */
public final class MemberViews {

    private MemberViews() {
    }

    /** A Party member. */
    public record PartyMemberView(
            long id,
            String name,
            @Schema(description = "脱敏手机号") String phone,
            @Schema(description = "组织关系所在的党组织") long orgId,
            String orgName,
            @Schema(nullable = true, description = "工作单位") String workplace,
            @Schema(description = "是否在职党员（须到居住地社区双报到）") boolean inService,
            @Schema(description = "ACTIVE 或 LEFT") String status,
            @Schema(description = "是否已关联小程序用户（微信验证过手机号）") boolean linkedToUser,
            @Schema(nullable = true, description = "关联的小程序用户 id：派单给该党员处置事件时作 assigneeId") Long userId,
            int version,
            OffsetDateTime createdAt) {

        static PartyMemberView of(MemberRow m, String maskedPhone) {
            return new PartyMemberView(m.id(), m.name(), maskedPhone, m.orgId(), m.orgName(), m.workplace(), m.inService(),
                    m.status(), m.userId() != null, m.userId(), m.version(), m.createdAt());
        }
    }

    /** A dual registration (双报到). */
    public record RegistrationView(
            long id,
            long memberId,
            String memberName,
            @Schema(description = "脱敏手机号") String phone,
            long communityId,
            String communityName,
            @Schema(nullable = true, description = "居住的楼栋") Long buildingId,
            @Schema(description = "PENDING（待审核）、APPROVED（已通过）或 REFUSED（未通过）") String status,
            @Schema(nullable = true) String refusalReason,
            @Schema(nullable = true) String appealReason,
            @Schema(description = "未通过且尚未申诉过时为 true：可申诉一次") boolean canAppeal,
            @Schema(nullable = true) OffsetDateTime decidedAt,
            int version,
            OffsetDateTime createdAt) {

        static RegistrationView of(RegistrationRow g, String maskedPhone) {
            return new RegistrationView(g.id(), g.memberId(), g.memberName(), maskedPhone, g.communityId(),
                    g.communityName(), g.buildingId(), g.status(), g.refusalReason(), g.appealReason(),
                    "REFUSED".equals(g.status()) && g.appealedAt() == null, g.decidedAt(), g.version(), g.createdAt());
        }
    }

    /** One line of an organisation's roster. */
    public record PartyRosterEntry(
            long memberId,
            String name,
            @Schema(description = "脱敏手机号") String phone,
            long homeOrgId,
            boolean inService,
            @Schema(description = "HOME：组织关系在本组织；REGISTERED：到本组织所在社区、小区或楼栋双报到") String relation,
            @Schema(nullable = true) Long registrationId,
            @Schema(nullable = true) Long communityId,
            @Schema(nullable = true) Long buildingId) {
    }
}
