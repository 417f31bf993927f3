package cn.gridgov.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The three rates of one node or department over a period (issue 11 §5), with the counts they come from so a client
 * can check them. For a node: its incidents received in the period; for a department: its calls made in the period.
 * Every rate is 0–1 with four decimals, null when its denominator is 0.
 */
@Schema(name = "StatsRateFigures", description = "三率：响应率、解决率、满意率及其按时占比（附计算所用的件数）")
public record StatsRateFigures(
        @Schema(description = "分母：节点为期间内收到的事件数；部门为期间内被吹哨（派单）的次数") long total,
        @Schema(description = "已响应数：节点为事件已受理、派发、驳回或已在处理（离开待受理）；部门为已报到") long responded,
        @Schema(description = "按时响应数：节点为在黄牌（第一道时限预警）之前响应；部门为在报到时限 respondBy 之前报到") long respondedOnTime,
        @Schema(description = "响应率：按时响应数 / total", nullable = true) Double responseRate,
        @Schema(description = "响应占比（不论是否按时）：已响应数 / total", nullable = true) Double respondedShare,
        @Schema(description = "解决率的分母：节点同 total；部门为作为牵头部门且未被改派的次数") long resolvable,
        @Schema(description = "已解决数：节点为已办结（CLOSED）；部门为牵头办结（RESOLVED 或已核验 VERIFIED）") long resolved,
        @Schema(description = "按时解决数：节点为办结时间不晚于办理时限；部门为办结时间不晚于办理时限 handleBy") long resolvedOnTime,
        @Schema(description = "解决率：已解决数 / resolvable", nullable = true) Double resolutionRate,
        @Schema(description = "按时解决占比：按时解决数 / 已解决数", nullable = true) Double resolutionOnTimeShare,
        @Schema(description = "已评价事件数（部门为其被吹哨事件中已评价的，改派走的不算）") long rated,
        @Schema(description = "满意数：4–5 星") long satisfied,
        @Schema(description = "满意率：满意数 / 已评价数", nullable = true) Double satisfactionRate) {

    static final StatsRateFigures EMPTY = of(0, 0, 0, 0, 0, 0, 0, 0);

    /** The figures from the counts, the rates computed here (one rule for nodes and departments). */
    static StatsRateFigures of(long total, long responded, long respondedOnTime, long resolvable, long resolved,
                               long resolvedOnTime, long rated, long satisfied) {
        return new StatsRateFigures(total, responded, respondedOnTime, share(respondedOnTime, total),
                share(responded, total), resolvable, resolved, resolvedOnTime, share(resolved, resolvable),
                share(resolvedOnTime, resolved), rated, satisfied, share(satisfied, rated));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
