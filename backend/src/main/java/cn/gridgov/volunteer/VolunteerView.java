package cn.gridgov.volunteer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A volunteer as the API shows them: the phone always masked ({@code 138****1234}). */
public record VolunteerView(
        long id,
        String name,
        @Schema(description = "脱敏手机号") String phone,
        long communityId,
        String communityName,
        List<String> skills,
        List<String> availableTimes,
        @Schema(description = "是否党员（已在小程序登记为党员）") boolean partyMember,
        @Schema(description = "ACTIVE 或 LEFT") String status,
        @Schema(description = "累计获得积分（确认的任务与更正）") int earnedPoints,
        @Schema(description = "当前积分余额") int balance,
        int version,
        OffsetDateTime createdAt) {

    static VolunteerView of(VolunteerRow v, String maskedPhone) {
        return new VolunteerView(v.id(), v.name(), maskedPhone, v.communityId(), v.communityName(), v.skills(),
                v.availableTimes(), v.partyMemberId() != null, v.status(), v.earned(), v.balance(), v.version(),
                v.createdAt());
    }
}
