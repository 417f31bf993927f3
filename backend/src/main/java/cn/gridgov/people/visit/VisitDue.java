package cn.gridgov.people.visit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** One household of a due list: where it lives, why it is visited, when it is due and how supervision sees it. */
@Schema(name = "VisitDue")
public record VisitDue(
        long householdId,
        long buildingId,
        String buildingName,
        @Schema(nullable = true) String unitName,
        String roomNumber,
        @Schema(nullable = true) String label,
        @Schema(description = "户内人员的重点人群类别") List<String> kinds,
        @Schema(description = "走访周期（天）：各类别周期中最短的") int intervalDays,
        @Schema(nullable = true) OffsetDateTime lastVisitAt,
        OffsetDateTime nextDueAt,
        @Schema(description = "超期天数（北京时间按日计）：正数为已超期，0 为今天到期，负数为还剩几天") long overdueDays,
        @Schema(description = "督办状态：NONE、YELLOW（即将超期）、RED（已超期）") String supervision,
        @Schema(description = "已督办到上面第几级（0 为尚未督办）") int pressedLevel) {
}
