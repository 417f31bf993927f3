package cn.gridgov.volunteer.points;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** What the points and reward endpoints answer. */
public final class PointsViews {

    private PointsViews() {
    }

    /** A volunteer's balance and one page of their ledger (newest first). */
    public record VolunteerPointsView(
            long volunteerId,
            @Schema(description = "当前余额（由流水推出，从不为负）") int balance,
            @Schema(description = "累计获得（确认记入与更正）") int earned,
            List<VolunteerLedgerEntry> items,
            @Schema(nullable = true) String nextCursor) {
    }

    /** A reward listed by a community. */
    public record VolunteerRewardView(
            long id,
            long communityId,
            String name,
            @Schema(nullable = true) String description,
            @Schema(description = "所需积分") int cost,
            @Schema(description = "库存（从不为负）") int stock,
            boolean active,
            int version,
            OffsetDateTime createdAt) {
    }

    /** A redemption: the reward taken and the points spent. */
    public record VolunteerRedemptionView(
            long id,
            long rewardId,
            String rewardName,
            @Schema(description = "支出的积分") int cost,
            @Schema(description = "兑换后的余额") int balance,
            OffsetDateTime createdAt) {
    }

    /** One line of a leaderboard; names masked (张**), no phone. */
    public record VolunteerLeaderboardEntry(
            @Schema(description = "名次（积分相同名次相同）") int rank,
            long volunteerId,
            @Schema(description = "脱敏姓名") String name,
            @Schema(description = "累计获得的积分") int earned) {
    }

    /** The top volunteers of a community or a Party organisation. */
    public record VolunteerLeaderboard(
            @Schema(nullable = true) Long communityId,
            @Schema(nullable = true) Long orgId,
            List<VolunteerLeaderboardEntry> items) {
    }
}
