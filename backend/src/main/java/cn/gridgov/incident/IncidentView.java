package cn.gridgov.incident;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.openapi.ResponseFields;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.media.MediaView;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An incident as the API shows it; the detail adds its flow, photos and what the caller may do next. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(extensions = @Extension(name = ResponseFields.OMITS_NULL, value = "true"))
public record IncidentView(long id, String categoryCode, String categoryName, IncidentSource source,
                           IncidentStatus status, @Schema(nullable = true) IncidentStatus suspendedFrom,
                           String description, Position location, Region region, Long ownerRegionId,
                           @Schema(nullable = true) Long assigneeId, Long reporterId, boolean selfResolved,
                           @Schema(description = "上报人是否同意办结后在政务公开栏展示") boolean isPublic,
                           @Schema(description = "公开栏上是否隐去上报人（显示“匿名居民”）") boolean anonymous,
                           @Schema(nullable = true) OffsetDateTime occurredAt, OffsetDateTime reportedAt,
                           OffsetDateTime deadlineAt, boolean overdue,
                           @Schema(nullable = true) OffsetDateTime suspendedAt,
                           @Schema(nullable = true) OffsetDateTime closedAt, @Schema(nullable = true) Rating rating,
                           int version, OffsetDateTime updatedAt,
                           @Schema(nullable = true) List<IncidentAction> allowedActions,
                           @Schema(nullable = true) List<Flow> flow, @Schema(nullable = true) List<MediaView> media,
                           @Schema(nullable = true) List<Duplicate> possibleDuplicates) {

    /** A position in the coordinate system the client asked for. */
    public record Position(double lng, double lat, String coordType) {
        static Position of(double wgsLng, double wgsLat, CoordType type) {
            LngLat p = type.fromWgs84(new LngLat(wgsLng, wgsLat));
            return new Position(p.lng(), p.lat(), type.name().toLowerCase());
        }
    }

    /** Where it was located: the node and the chain above it. */
    public record Region(long regionId, @Schema(nullable = true) Long townId,
                         @Schema(nullable = true) Long communityId, @Schema(nullable = true) Long compoundId,
                         @Schema(nullable = true) Long buildingId) {
    }

    /** The reporter's verdict. */
    public record Rating(int stars, @Schema(nullable = true) String comment, OffsetDateTime ratedAt) {
    }

    /** One row of the flow. */
    public record Flow(long id, IncidentAction action, @Schema(nullable = true) IncidentStatus from, IncidentStatus to,
                       long actorId, String actorRole, @Schema(nullable = true) String comment,
                       @Schema(nullable = true) List<UUID> mediaIds, @Schema(nullable = true) Long assigneeId,
                       @Schema(nullable = true) Long ownerRegionId, OffsetDateTime at) {
        static Flow of(FlowEntry e) {
            return new Flow(e.id(), e.action(), e.from(), e.to(), e.actorId(), e.actorRole(), e.comment(),
                    e.mediaIds(), e.assigneeId(), e.ownerRegionId(), ApiTime.of(e.at()));
        }
    }

    /** An open incident of the same category nearby, perhaps the same thing reported twice. */
    public record Duplicate(long id, IncidentStatus status, String description, double distanceMetres,
                            OffsetDateTime reportedAt) {
    }

    static IncidentView of(Incident i, CoordType type, Instant now) {
        return of(i, type, now, null, null, null, null);
    }

    static IncidentView of(Incident i, CoordType type, Instant now, List<IncidentAction> allowed, List<Flow> flow,
                           List<MediaView> media, List<Duplicate> duplicates) {
        boolean overdue = IncidentStatus.CLOCK_RUNNING.contains(i.status()) && i.deadlineAt().isBefore(now);
        Rating rating = i.rating() == null ? null : new Rating(i.rating(), i.ratingComment(), ApiTime.of(i.ratedAt()));
        return new IncidentView(i.id(), i.categoryCode(), i.categoryName(), i.source(), i.status(), i.suspendedFrom(),
                i.description(), Position.of(i.lng(), i.lat(), type),
                new Region(i.regionId(), i.townId(), i.communityId(), i.compoundId(), i.buildingId()),
                i.ownerRegionId(), i.assigneeId(), i.reporterId(), i.selfResolved(), i.isPublic(), i.anonymous(),
                ApiTime.of(i.occurredAt()),
                ApiTime.of(i.reportedAt()), ApiTime.of(i.deadlineAt()), overdue, ApiTime.of(i.suspendedAt()),
                ApiTime.of(i.closedAt()), rating, i.version(), ApiTime.of(i.updatedAt()), allowed, flow, media,
                duplicates);
    }

    IncidentView withDuplicates(List<Duplicate> duplicates) {
        return new IncidentView(id, categoryCode, categoryName, source, status, suspendedFrom, description, location,
                region, ownerRegionId, assigneeId, reporterId, selfResolved, isPublic, anonymous, occurredAt, reportedAt,
                deadlineAt, overdue,
                suspendedAt, closedAt, rating, version, updatedAt, allowedActions, flow, media, duplicates);
    }
}
