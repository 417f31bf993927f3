package cn.gridgov.things.facility;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A facility as a client writes it (create, edit, or one row of an import). Checked field by field by
 * {@link FacilityCheck}, so a form and an import row are refused for the same reasons in the same words.
 */
@Schema(name = "FacilityRequest")
public record FacilityRequest(
        @Schema(description = "本县唯一的部件编码（可选，导入时用于识别）", nullable = true, maxLength = 64) String code,
        @Schema(description = "名称", maxLength = 64, required = true) String name,
        @Schema(description = "类型：事件分类编码（如 0101 井盖、0102 路灯）", required = true) String categoryCode,
        @Schema(required = true) FacilityPosition location,
        @Schema(description = "权属部门编码（可选）", nullable = true) String departmentCode,
        @Schema(description = "NORMAL（默认）、DAMAGED、UNDER_REPAIR 或 REMOVED", nullable = true) String state,
        @Schema(description = "备注", nullable = true, maxLength = 500) String note,
        @Schema(description = "修改时必填：读取时的版本号（乐观锁）", nullable = true) Integer version) {

    /** A position in the coordinate system the client speaks ({@code coordType} wgs84 or gcj02). */
    @Schema(name = "FacilityPosition")
    public record FacilityPosition(Double lng, Double lat,
                                   @Schema(description = "wgs84 或 gcj02（默认 gcj02）", nullable = true) String coordType) {
    }
}
