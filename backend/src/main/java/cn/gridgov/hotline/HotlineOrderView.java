package cn.gridgov.hotline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A work order as its platform sees it: the incident it became and where that stands. */
@Schema(name = "HotlineOrderView")
public record HotlineOrderView(
        @Schema(description = "平台的工单号") String orderNo,
        @Schema(description = "本系统的事件编号") long incidentId,
        @Schema(description = "事件状态", example = "ACCEPTED") String status,
        @Schema(description = "状态的中文名", example = "已受理") String statusName,
        String categoryCode,
        @Schema(description = "承办的区域（社区等）") String ownerRegionName,
        @Schema(description = "本系统收到工单的时间") OffsetDateTime receivedAt,
        @Schema(description = "最近一次变更的时间") OffsetDateTime updatedAt,
        @Schema(description = "本系统的处置时限（按类别与工作日历）", nullable = true) OffsetDateTime dueAt,
        @Schema(description = "平台要求的时限（推送时给出的）", nullable = true) OffsetDateTime deadline,
        @Schema(description = "来电人电话（掩码）", nullable = true, example = "138****1234") String callerPhone,
        @Schema(description = "最近一条处置意见", nullable = true) String lastComment) {
}
