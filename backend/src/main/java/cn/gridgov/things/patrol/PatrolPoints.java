package cn.gridgov.things.patrol;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A batch of positions from the mini program, each with the time it was taken. */
@Schema(name = "PatrolPoints")
public record PatrolPoints(@Schema(description = "wgs84 或 gcj02（默认 gcj02，wx.getLocation 的结果）", nullable = true)
                           String coordType,
                           @Schema(description = "1 到 500 个点，按时间先后", required = true) List<Point> points) {

    /** One position and when it was taken. */
    @Schema(name = "PatrolPoint")
    public record Point(Double lng, Double lat, OffsetDateTime at) {
    }

    /** What a batch did: how many points were kept, dropped (closer than 10 s to the last kept) and flagged. */
    @Schema(name = "PatrolPointsResult")
    public record Result(int kept, int dropped, int flagged, int pointsKept, int pointsDropped, int jumpsFlagged) {
    }
}
