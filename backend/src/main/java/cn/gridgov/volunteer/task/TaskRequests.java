package cn.gridgov.volunteer.task;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The bodies of the task and claim endpoints. */
public final class TaskRequests {

    private TaskRequests() {
    }

    /** A task a community publishes, or makes from an incident ({@code incidentId}). */
    public record VolunteerTaskRequest(
            @Schema(nullable = true, description = "发布任务的社区；由事件生成时可省略（取事件所在社区）") Long communityId,
            @NotNull(message = "请选择任务类型 kind（SERVICE、PATROL 或 EVENT）") VolunteerTaskKind kind,
            @NotBlank(message = "请填写任务标题") @Size(max = 60, message = "标题最长 60 字") String title,
            @Schema(nullable = true) @Size(max = 1000, message = "说明最长 1000 字") String description,
            @Schema(nullable = true, description = "地点：社区内的节点（小区、楼栋等）") Long placeRegionId,
            @Schema(nullable = true, description = "地点：坐标（coordType 默认 gcj02）") @Valid VolunteerTaskLocation location,
            @NotNull(message = "请填写开始时间 startsAt") OffsetDateTime startsAt,
            @NotNull(message = "请填写结束时间 endsAt") OffsetDateTime endsAt,
            @NotNull(message = "请填写需要的人数 needed") @Min(value = 1, message = "需要的人数至少 1 人")
            @Max(value = 500, message = "需要的人数最多 500 人") Integer needed,
            @NotNull(message = "请填写积分 points") @Min(value = 0, message = "积分不能为负")
            @Max(value = 10000, message = "积分最多 10000") Integer points,
            @Schema(nullable = true, description = "由此事件生成任务（须在辖区内，每个事件至多一个任务）") Long incidentId) {
    }

    /** Where a task takes place; {@code coordType} wgs84 or gcj02 (default gcj02, what wx.getLocation gives). */
    public record VolunteerTaskLocation(@NotNull(message = "请填写经度 lng") Double lng, @NotNull(message = "请填写纬度 lat") Double lat,
                               @Schema(nullable = true) String coordType) {
    }

    /** Cancels an open task, with the reason its claimers will read. */
    public record VolunteerTaskCancel(@NotNull(message = "请带上版本号 version") Integer version,
                             @NotBlank(message = "请填写取消原因") @Size(max = 200, message = "原因最长 200 字") String reason) {
    }

    /** A co-building unit's contact claims a place for the unit. */
    public record VolunteerUnitClaim(@NotNull(message = "请选择代表的共建单位 unitId") Long unitId) {
    }

    /** A claimer reports their part done, with photos uploaded through POST /api/v1/media. */
    public record VolunteerClaimReport(
            @Schema(nullable = true) @Size(max = 500, message = "说明最长 500 字") String note,
            @NotEmpty(message = "请附上完成情况的照片 mediaIds") @Size(max = 9, message = "一次最多附 9 张图片")
            List<@NotNull(message = "图片 id 不能为空") UUID> mediaIds) {
    }
}
