package cn.gridgov.people.visit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A recorded visit as the API shows it; the position in the coordinate system asked for. */
@Schema(name = "VisitView")
public record VisitView(
        long id,
        long householdId,
        long buildingId,
        long visitorId,
        OffsetDateTime visitedAt,
        @Schema(description = "HOME、PHONE 或 VIDEO") String mode,
        @Schema(description = "方式的中文名") String modeName,
        String situation,
        @Schema(nullable = true) String followUp,
        @Schema(nullable = true) Double lng,
        @Schema(nullable = true) Double lat,
        @Schema(description = "位置的坐标系", nullable = true) String coordType,
        @Schema(description = "离楼栋（轮廓或点）的距离（米）；无位置时为空", nullable = true) Double distanceMetres,
        @Schema(description = "上门走访是否离楼栋过远（超过容差）：照样记录，但标记出来；电话、视频走访总是 false") boolean farFromBuilding,
        List<UUID> mediaIds,
        @Schema(description = "跟进事项转成的事件编号", nullable = true) Long incidentId,
        OffsetDateTime createdAt) {
}
