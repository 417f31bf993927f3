package cn.gridgov.things.patrol;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A patrol as the API shows it: its summary once finished (length, duration, coverage of the grid), the flagged
 * jumps, the incidents found, and (in the detail only) the track in the coordinate system asked for.
 */
@Schema(name = "PatrolView")
public record PatrolView(long id, long userId, long regionId, String regionName, PatrolStatus status,
                         OffsetDateTime startedAt, @Schema(nullable = true) OffsetDateTime finishedAt,
                         int pointsKept, int pointsDropped, int jumpsFlagged,
                         @Schema(nullable = true, description = "轨迹长度（米，不含被标记的跳点）") Double lengthMetres,
                         @Schema(nullable = true, description = "时长（秒）") Long durationSeconds,
                         @Schema(nullable = true, description = "网格覆盖率 0..1（轨迹两侧各 30 米）") Double coverage,
                         @Schema(nullable = true) Track track, List<Jump> jumps, List<Long> findingIds) {

    /** The track as a GeoJSON LineString. */
    @Schema(name = "PatrolTrack")
    public record Track(String type, String coordType, List<double[]> coordinates) {
    }

    /** A point reached faster than a car could: kept, flagged and shown. */
    @Schema(name = "PatrolJump")
    public record Jump(int seq, OffsetDateTime at, double lng, double lat, double speedKmh) {
    }
}
