package cn.gridgov.volunteer.task;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.time.ApiTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the task and claim endpoints answer; claimers' phones are always masked. */
public final class TaskViews {

    private TaskViews() {
    }

    /** A volunteer task. */
    public record VolunteerTaskView(
            long id,
            long communityId,
            String communityName,
            @Schema(description = "SERVICE（为民服务）、PATROL（巡逻）或 EVENT（活动）") VolunteerTaskKind kind,
            String title,
            @Schema(nullable = true) String description,
            @Schema(nullable = true, description = "地点节点") Long placeRegionId,
            @Schema(nullable = true) String placeRegionName,
            @Schema(nullable = true, description = "地点坐标（按请求的 coordType）") VolunteerTaskPosition location,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            @Schema(description = "需要的人数") int needed,
            @Schema(description = "已认领的人数（不会超过 needed）") int claimed,
            @Schema(description = "还可认领的名额") int remaining,
            @Schema(description = "确认完成后每人获得的积分") int points,
            @Schema(description = "OPEN（进行中）或 CANCELLED（已取消）") String status,
            @Schema(nullable = true) String cancelReason,
            @Schema(nullable = true, description = "由此事件生成") Long incidentId,
            int version,
            OffsetDateTime createdAt) {

        static VolunteerTaskView of(TaskRow t, CoordType coordType) {
            VolunteerTaskPosition position = null;
            if (t.lng() != null && t.lat() != null) {
                LngLat p = coordType.fromWgs84(new LngLat(t.lng(), t.lat()));
                position = new VolunteerTaskPosition(p.lng(), p.lat(), coordType.name().toLowerCase());
            }
            return new VolunteerTaskView(t.id(), t.communityId(), t.communityName(), t.kind(), t.title(), t.description(),
                    t.placeRegionId(), t.placeRegionName(), position, ApiTime.of(t.startsAt().toInstant()),
                    ApiTime.of(t.endsAt().toInstant()), t.needed(), t.claimed(), t.needed() - t.claimed(), t.points(),
                    t.status(), t.cancelReason(), t.incidentId(), t.version(), ApiTime.of(t.createdAt().toInstant()));
        }
    }

    /** A position in the coordinate system the client asked for. */
    public record VolunteerTaskPosition(double lng, double lat, String coordType) {
    }

    /** A volunteer's claim of a place on a task. */
    public record VolunteerClaimView(
            long id,
            long taskId,
            String taskTitle,
            @Schema(nullable = true, description = "认领的志愿者；共建单位认领时为 null") Long volunteerId,
            @Schema(description = "志愿者姓名；共建单位认领时为单位联系人姓名") String volunteerName,
            @Schema(description = "脱敏手机号（志愿者或单位联系人）") String phone,
            @Schema(nullable = true, description = "代表共建单位认领时的单位 id") Long cobuildUnitId,
            @Schema(nullable = true, description = "代表共建单位认领时的单位名称") String cobuildUnitName,
            @Schema(description = "CLAIMED（已认领）、REPORTED（已报告完成）、CONFIRMED（社区已确认）或 CANCELLED（任务已取消）")
            String status,
            @Schema(nullable = true) String reportNote,
            @Schema(description = "完成情况的照片（GET /api/v1/media/{id} 查看）") List<UUID> mediaIds,
            @Schema(nullable = true) OffsetDateTime reportedAt,
            @Schema(nullable = true) OffsetDateTime confirmedAt,
            @Schema(nullable = true, description = "确认时记入的积分（仅一次）") Integer pointsCredited,
            OffsetDateTime createdAt) {

        static VolunteerClaimView of(ClaimRow c, String maskedPhone) {
            return new VolunteerClaimView(c.id(), c.taskId(), c.taskTitle(), c.volunteerId(), c.volunteerName(),
                    maskedPhone, c.unitId(), c.unitName(), c.status(), c.reportNote(), c.mediaIds(), time(c.reportedAt()), time(c.confirmedAt()),
                    c.credited(), time(c.createdAt()));
        }

        private static OffsetDateTime time(OffsetDateTime t) {
            return t == null ? null : ApiTime.of(t.toInstant());
        }
    }
}
