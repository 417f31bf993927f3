package cn.gridgov.incident;

import java.time.Instant;

/** An incident as stored: a snapshot read in a transaction, changed by copying (see {@link IncidentWriter}). */
public record Incident(long id, long categoryId, String categoryCode, String categoryName, IncidentSource source,
                       IncidentStatus status, IncidentStatus suspendedFrom, String description, double lng, double lat,
                       long regionId, String regionPath, Long townId, Long communityId, Long compoundId, Long buildingId,
                       long ownerRegionId, String ownerPath, Long assigneeId, long reporterId, boolean selfResolved,
                       Instant occurredAt, Instant reportedAt, Instant deadlineAt, Instant suspendedAt, Instant closedAt,
                       Integer rating, String ratingComment, Instant ratedAt, int version, Instant updatedAt,
                       boolean isPublic, boolean anonymous) {

    /** A copy to change field by field. */
    public Builder change() {
        return new Builder(this);
    }

    /** Mutable copy of the fields a transition may change. */
    public static final class Builder {
        private final Incident base;
        public IncidentStatus status;
        public IncidentStatus suspendedFrom;
        public long ownerRegionId;
        public String ownerPath;
        public Long assigneeId;
        public Instant deadlineAt;
        public Instant suspendedAt;
        public Instant closedAt;
        public Integer rating;
        public String ratingComment;
        public Instant ratedAt;

        private Builder(Incident i) {
            base = i;
            status = i.status;
            suspendedFrom = i.suspendedFrom;
            ownerRegionId = i.ownerRegionId;
            ownerPath = i.ownerPath;
            assigneeId = i.assigneeId;
            deadlineAt = i.deadlineAt;
            suspendedAt = i.suspendedAt;
            closedAt = i.closedAt;
            rating = i.rating;
            ratingComment = i.ratingComment;
            ratedAt = i.ratedAt;
        }

        public Incident build(Instant now) {
            Incident b = base;
            return new Incident(b.id, b.categoryId, b.categoryCode, b.categoryName, b.source, status, suspendedFrom,
                    b.description, b.lng, b.lat, b.regionId, b.regionPath, b.townId, b.communityId, b.compoundId,
                    b.buildingId, ownerRegionId, ownerPath, assigneeId, b.reporterId, b.selfResolved, b.occurredAt,
                    b.reportedAt, deadlineAt, suspendedAt, closedAt, rating, ratingComment, ratedAt, b.version + 1, now,
                    b.isPublic, b.anonymous);
        }
    }
}
