package cn.gridgov.things.facility;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A facility as the API shows it, its position in the coordinate system the caller asked for. */
@Schema(name = "FacilityView")
public record FacilityView(long id, @Schema(nullable = true) String code, String name, String categoryCode,
                           @Schema(nullable = true) String categoryName, FacilityState state, Position location,
                           Node region, @Schema(nullable = true) Department department,
                           @Schema(nullable = true) String note, int version, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {

    @Schema(name = "FacilityLocation")
    public record Position(double lng, double lat, String coordType) {
    }

    /** The building or compound (or the deepest area) the facility hangs on. */
    @Schema(name = "FacilityRegion")
    public record Node(long id, String name, String level) {
    }

    @Schema(name = "FacilityDepartment")
    public record Department(long id, String code, String name) {
    }

    /** A facility near a point: what a report form shows as a suggestion. */
    @Schema(name = "FacilityNearby")
    public record Nearby(long id, @Schema(nullable = true) String code, String name, String categoryCode,
                         @Schema(nullable = true) String categoryName, FacilityState state, Position location,
                         double distanceMetres) {
    }
}
