package cn.gridgov.resident;

import cn.gridgov.incident.IncidentStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * An incident on the public board: no names, phones or openids; contact details in the text replaced by ***; the
 * position is the compound's (or, outside any compound, the community's) point on surface, never the reported one.
 */
@Schema(name = "ResidentPublicIncident")
public record PublicIncidentView(long id, String categoryCode, String categoryName, Kind kind, IncidentStatus status,
                                 String description, String reporter, @Schema(nullable = true) Place town,
                                 @Schema(nullable = true) Place community, @Schema(nullable = true) Place compound,
                                 @Schema(nullable = true) Position position, OffsetDateTime reportedAt,
                                 @Schema(nullable = true) OffsetDateTime closedAt,
                                 @Schema(nullable = true) Boolean onTime, @Schema(nullable = true) Integer rating) {

    /** A request from the public, or a report of staff. */
    public enum Kind { REQUEST, STAFF_REPORT }

    /** A node of the tree by id and name. */
    @Schema(name = "ResidentPublicPlace")
    public record Place(long id, String name) {
    }

    /** A point in the coordinate system asked for. */
    @Schema(name = "ResidentPublicPosition")
    public record Position(double lng, double lat, String coordType) {
    }
}
