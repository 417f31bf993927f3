package cn.gridgov.people.visit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** Turning a visit's follow-up into an incident: its category; the rest defaults from the visit. */
@Schema(name = "VisitFollowUpRequest")
public record VisitFollowUp(
        @Schema(description = "事件分类编码", required = true, example = "0301") String categoryCode,
        @Schema(description = "事件描述（默认为走访记录的跟进事项）", nullable = true, maxLength = 2000) String description,
        @Schema(description = "事件照片（默认无；走访的照片留在走访记录中）", nullable = true) List<UUID> mediaIds) {
}
