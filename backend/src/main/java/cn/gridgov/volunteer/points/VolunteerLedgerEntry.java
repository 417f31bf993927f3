package cn.gridgov.volunteer.points;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One row of a volunteer's points ledger, as the API shows it. */
public record VolunteerLedgerEntry(
        long id,
        @Schema(description = "CREDIT（任务确认记入）、SPEND（兑换奖品）或 CORRECTION（更正，附原因）") String kind,
        @Schema(description = "积分变动，支出为负") int amount,
        @Schema(description = "本条之后的余额（从不为负）") int balanceAfter,
        @Schema(nullable = true) String reason,
        @Schema(nullable = true, description = "记入积分的认领") Long claimId,
        @Schema(nullable = true, description = "支出积分的兑换") Long redemptionId,
        OffsetDateTime createdAt) {
}
