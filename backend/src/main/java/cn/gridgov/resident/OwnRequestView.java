package cn.gridgov.resident;

import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.gridgov.common.openapi.ResponseFields;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A resident's own request as they follow it: status, flow, the expected deadline (Asia/Shanghai time) and the
 * organisation handling it; never a staff member's name or phone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ResidentOwnRequest", extensions = @Extension(name = ResponseFields.OMITS_NULL, value = "true"))
public record OwnRequestView(long id, String categoryCode, String categoryName, IncidentStatus status,
                             String statusName, String description, boolean isPublic, boolean anonymous,
                             OffsetDateTime reportedAt, OffsetDateTime expectedBy,
                             @Schema(nullable = true) OffsetDateTime closedAt, String handlerOrganisation,
                             @Schema(nullable = true) Rating rating, List<IncidentAction> allowedActions,
                             @Schema(nullable = true) List<Step> flow) {

    /** The reporter's verdict. */
    @Schema(name = "ResidentOwnRequestRating")
    public record Rating(int stars, @Schema(nullable = true) String comment, OffsetDateTime ratedAt) {
    }

    /** One step of the flow, without who took it (only in what role). */
    @Schema(name = "ResidentOwnRequestStep")
    public record Step(IncidentAction action, @Schema(nullable = true) IncidentStatus from, IncidentStatus to,
                       String actorRole, @Schema(nullable = true) String comment,
                       @Schema(nullable = true) List<UUID> mediaIds, OffsetDateTime at) {
    }

    OwnRequestView withFlow(List<Step> steps) {
        return new OwnRequestView(id, categoryCode, categoryName, status, statusName, description, isPublic, anonymous,
                reportedAt, expectedBy, closedAt, handlerOrganisation, rating, allowedActions, steps);
    }
}
