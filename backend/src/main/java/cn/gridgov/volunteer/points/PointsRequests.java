package cn.gridgov.volunteer.points;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the points and reward endpoints. */
public final class PointsRequests {

    private PointsRequests() {
    }

    /** A correction of a volunteer's points (positive or negative), with its reason. */
    public record VolunteerPointsCorrection(
            @NotNull(message = "请填写更正的积分 amount") @Min(value = -100000, message = "更正积分过大")
            @Max(value = 100000, message = "更正积分过大") Integer amount,
            @NotBlank(message = "请填写更正原因") @Size(max = 200, message = "原因最长 200 字") String reason) {
    }

    /** A reward a community lists. */
    public record VolunteerRewardRequest(
            @NotNull(message = "请选择社区 communityId") Long communityId,
            @NotBlank(message = "请填写奖品名称") @Size(max = 60, message = "名称最长 60 字") String name,
            @Schema(nullable = true) @Size(max = 500, message = "说明最长 500 字") String description,
            @NotNull(message = "请填写所需积分 cost") @Min(value = 1, message = "所需积分至少 1")
            @Max(value = 100000, message = "所需积分最多 100000") Integer cost,
            @NotNull(message = "请填写库存 stock") @Min(value = 0, message = "库存不能为负")
            @Max(value = 100000, message = "库存最多 100000") Integer stock) {
    }

    /** Adds stock to a reward. */
    public record VolunteerRewardRestock(@NotNull(message = "请填写补充的数量 add") @Min(value = 1, message = "补充数量至少 1")
                          @Max(value = 100000, message = "补充数量最多 100000") Integer add) {
    }
}
