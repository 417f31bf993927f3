package cn.gridgov.people.visit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A visit as the grid worker records it; checked field by field by the service (Chinese errors per field). */
@Schema(name = "VisitRequest")
public record VisitRequest(
        @Schema(description = "走访的户编号", required = true, example = "5012") Long householdId,
        @Schema(description = "走访时间（默认为当前时间；不能晚于当前时间）", nullable = true) OffsetDateTime visitedAt,
        @Schema(description = "走访方式：HOME（上门）、PHONE（电话）、VIDEO（视频），也可写中文", required = true,
                example = "HOME") String mode,
        @Schema(description = "走访情况", required = true, maxLength = 2000) String situation,
        @Schema(description = "需要跟进的事项（可一步转为事件）", nullable = true, maxLength = 2000) String followUp,
        @Schema(description = "走访时的位置（上门走访必填）", nullable = true) VisitPosition location,
        @Schema(description = "照片：先用 POST /api/v1/media 上传得到的编号，最多 9 张", nullable = true) List<UUID> mediaIds) {

    /** A position in the coordinate system the client speaks ({@code coordType} wgs84 or gcj02, default gcj02). */
    @Schema(name = "VisitPosition")
    public record VisitPosition(Double lng, Double lat,
                                @Schema(description = "wgs84 或 gcj02（默认 gcj02）", nullable = true) String coordType) {
    }

    public List<UUID> media() {
        return mediaIds == null ? List.of() : mediaIds;
    }
}
