package cn.gridgov.moderation;

import cn.gridgov.common.time.ApiTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A flagged item as a moderator sees it: what it is, why it waits, the text (a photo by its id: its own URL is not
 * served while it is hidden), the author's id and until when they are muted, and the decision once taken.
 */
@Schema(name = "ModerationFlag")
public record FlagView(long id, FlagKind kind, FlagReason reason, FlagStatus status, long incidentId,
                       @Schema(nullable = true) UUID mediaId, @Schema(nullable = true) String content,
                       @Schema(nullable = true) Integer label, long authorId,
                       @Schema(nullable = true) OffsetDateTime authorMutedUntil, OffsetDateTime createdAt,
                       @Schema(nullable = true) Decision decision, @Schema(nullable = true) OffsetDateTime decidedAt,
                       @Schema(nullable = true) String note) {

    static FlagView of(ModerationRepository.Flag f, java.time.Instant now) {
        return new FlagView(f.id(), f.kind(), f.reason(), f.status(), f.incidentId(), f.mediaId(), f.content(),
                f.label(), f.authorId(),
                f.authorMutedUntil() == null || !f.authorMutedUntil().isAfter(now) ? null : ApiTime.of(f.authorMutedUntil()),
                ApiTime.of(f.createdAt()), f.decision(), ApiTime.of(f.decidedAt()), f.note());
    }
}
