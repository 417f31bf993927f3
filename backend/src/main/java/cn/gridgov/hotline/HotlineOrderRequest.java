package cn.gridgov.hotline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A work order pushed by a hotline platform: where, what, by when, who called, and where to report back. */
@Schema(name = "HotlineOrderPush")
public record HotlineOrderRequest(
        @Schema(description = "平台的工单号（字母、数字、- 和 _，至多 64 个字符），同一对接系统内唯一", example = "GD202603010012")
        @NotBlank @Size(max = 64) String orderNo,
        @Schema(description = "来电人诉求内容", example = "春晖嘉园东门人行道井盖缺失，夜间行人容易踩空")
        @NotBlank @Size(max = HotlineOrders.MAX_REQUEST_TEXT) String requestText,
        @Schema(description = "地址文本；没有坐标时按区域名称匹配定位（须能确定到社区或更细）", nullable = true,
                example = "青羊镇城关社区春晖嘉园")
        @Size(max = HotlineOrders.MAX_ADDRESS) String addressText,
        @Schema(description = "经度（与 lat 同时给出）", nullable = true, example = "113.4312") Double lng,
        @Schema(description = "纬度（与 lng 同时给出）", nullable = true, example = "36.2003") Double lat,
        @Schema(description = "坐标系：wgs84（默认）或 gcj02", nullable = true, example = "wgs84") String coordType,
        @Schema(description = "事件类别代码（见 /api/v1/categories）", example = "0101")
        @NotBlank @Size(max = 16) String categoryCode,
        @Schema(description = "热线平台要求的办结时限（带时区）；本系统的处置时限仍按类别计算", nullable = true,
                example = "2026-03-03T18:00:00+08:00") OffsetDateTime deadline,
        @Schema(description = "来电人电话；加密保存，任何答复中只显示掩码", nullable = true, example = "13812341234")
        @Size(max = 24) String callerPhone,
        @Schema(description = "本工单的回调地址，覆盖签发时登记的地址", nullable = true)
        @Size(max = CallbackUrl.MAX_LENGTH) String callbackUrl) {
}
