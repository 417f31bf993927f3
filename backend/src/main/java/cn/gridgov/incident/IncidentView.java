package cn.gridgov.incident;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.media.MediaView;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An incident as the API shows it; the detail adds its flow, photos and what the caller may do next. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(long id, String categoryCode, String categoryName, IncidentSource source,
                           IncidentStatus status, IncidentStatus suspendedFrom, String description, Position location,
                           Region region, Long ownerRegionId, Long assigneeId, Long reporterId, boolean selfResolved,
                           OffsetDateTime occurredAt, OffsetDateTime reportedAt, OffsetDateTime deadlineAt, boolean overdue,
                           OffsetDateTime suspendedAt, OffsetDateTime closedAt, Rating rating, int version,
                           OffsetDateTime updatedAt, List<IncidentAction> allowedActions, List<Flow> flow,
                           List<MediaView> media, List<Duplicate> possibleDuplicates) {

    /** A position in the coordinate system the client asked for. */
    public record Position(double lng, double lat, String coordType) {
        static Position of(double wgsLng, double wgsLat, CoordType type) {
            LngLat p = type.fromWgs84(new LngLat(wgsLng, wgsLat));
            return new Position(p.lng(), p.lat(), type.name().toLowerCase());
        }
    }

    /** Where it was located: the node and the chain above it. */
    public record Region(long regionId, Long townId, Long communityId, Long compoundId, Long buildingId) {
    }

    /** The reporter's verdict. */
    public record Rating(int stars, String comment, OffsetDateTime ratedAt) {
    }

    /** One row of the flow. */
    public record Flow(long id, IncidentAction action, IncidentStatus from, IncidentStatus to, long actorId,
                       String actorRole, String comment, List<UUID> mediaIds, Long assigneeId, Long ownerRegionId,
                       OffsetDateTime at) {
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
                i.ownerRegionId(), i.assigneeId(), i.reporterId(), i.selfResolved(), ApiTime.of(i.occurredAt()),
                ApiTime.of(i.reportedAt()), ApiTime.of(i.deadlineAt()), overdue, ApiTime.of(i.suspendedAt()),
                ApiTime.of(i.closedAt()), rating, i.version(), ApiTime.of(i.updatedAt()), allowed, flow, media,
                duplicates);
    }

    IncidentView withDuplicates(List<Duplicate> duplicates) {
        return new IncidentView(id, categoryCode, categoryName, source, status, suspendedFrom, description, location,
                region, ownerRegionId, assigneeId, reporterId, selfResolved, occurredAt, reportedAt, deadlineAt, overdue,
                suspendedAt, closedAt, rating, version, updatedAt, allowedActions, flow, media, duplicates);
    }
}
