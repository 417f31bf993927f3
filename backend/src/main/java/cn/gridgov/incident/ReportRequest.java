package cn.gridgov.incident;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A report from the mini program: what, where (in the coordinate system the client speaks), photos, when; whether
 * it may be shown on the public board once closed ({@code isPublic}, default private: only staff in scope see it)
 * and whether the reporter stays anonymous there ({@code anonymous}).
 */
public record ReportRequest(
        @NotBlank @Size(max = 16) String categoryCode,
        @NotBlank @Size(max = 2000) String description,
        @NotNull @Valid Location location,
        @Size(max = 9) List<@NotNull UUID> mediaIds,
        OffsetDateTime occurredAt,
        Boolean selfResolved,
        Boolean isPublic,
        Boolean anonymous,
        @Schema(description = "所涉部件的编号（可选，见 GET /api/v1/facilities/nearby）", nullable = true) Long facilityId) {

    /** A report naming no facility, private and not anonymous (the defaults). */
    public ReportRequest(String categoryCode, String description, Location location, List<UUID> mediaIds,
                         OffsetDateTime occurredAt, Boolean selfResolved) {
        this(categoryCode, description, location, mediaIds, occurredAt, selfResolved, null, null, null);
    }

    /** Where it is; {@code coordType} wgs84 or gcj02 (default gcj02, what wx.getLocation gives). */
    public record Location(@NotNull Double lng, @NotNull Double lat, String coordType) {
    }

    public List<UUID> media() {
        return mediaIds == null ? List.of() : mediaIds;
    }

    public boolean isSelfResolved() {
        return Boolean.TRUE.equals(selfResolved);
    }

    /** Whether the report may appear on the public board (default: private). */
    public boolean publicOnBoard() {
        return Boolean.TRUE.equals(isPublic);
    }

    /** Whether the board hides who reported it. */
    public boolean anonymousOnBoard() {
        return Boolean.TRUE.equals(anonymous);
    }
}
