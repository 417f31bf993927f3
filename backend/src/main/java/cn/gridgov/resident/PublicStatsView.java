package cn.gridgov.resident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** Totals of the public board per town and, inside each, per community. */
@Schema(name = "ResidentPublicStats")
public record PublicStatsView(@Schema(nullable = true) OffsetDateTime from, @Schema(nullable = true) OffsetDateTime to,
                              List<Town> towns) {

    /** A town's totals and its communities'. */
    @Schema(name = "ResidentPublicStatsTown")
    public record Town(long id, String name, Totals totals, List<Community> communities) {
    }

    /** A community's totals. */
    @Schema(name = "ResidentPublicStatsCommunity")
    public record Community(long id, String name, Totals totals) {
    }

    /**
     * Received incidents; ended ones (closed, rejected, withdrawn); of the closed, the share closed by the
     * deadline; of the rated, the share rated 4 or 5 stars (null when there is nothing to divide by).
     */
    @Schema(name = "ResidentPublicStatsTotals")
    public record Totals(long received, long closed, @Schema(nullable = true) Double onTimeRate, long rated,
                         @Schema(nullable = true) Double satisfaction) {
    }
}
