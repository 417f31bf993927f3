package cn.gridgov.resident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A revisit task (回访) after a low rating, as staff in scope see it. */
@Schema(name = "ResidentRevisit")
public record RevisitView(long id, long incidentId, String categoryName, @Schema(nullable = true) Long communityId,
                          int rating, @Schema(nullable = true) String ratingComment, OffsetDateTime dueAt,
                          boolean overdue, Revisit.Status status, @Schema(nullable = true) Revisit.Outcome outcome,
                          @Schema(nullable = true) String note, boolean reopened,
                          @Schema(nullable = true) Long recordedBy, @Schema(nullable = true) OffsetDateTime recordedAt,
                          OffsetDateTime createdAt, int version) {
}
