package cn.gridgov.party.org;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One entry of an organisation's append-only history. */
public record PartyOrgChange(
        long id,
        @Schema(description = "CREATED、RENAMED、SECRETARY_CHANGED、UPDATED、MERGED、MERGED_IN、DISSOLVED") String action,
        @Schema(nullable = true) Long actorUserId,
        @Schema(nullable = true, description = "修改前") Object before,
        @Schema(nullable = true, description = "修改后") Object after,
        OffsetDateTime at) {
}
