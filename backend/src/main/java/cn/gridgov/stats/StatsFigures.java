package cn.gridgov.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The figures of one node for a period. Everything counts the incidents located in the node's subtree and
 * <em>received</em> (reported) in the period, except {@code open}, {@code yellow}, {@code red} and {@code supervised},
 * which are the backlog now: every open incident of the subtree, whenever it was received.
 */
public record StatsFigures(
        @Schema(description = "期间内收到（上报）的事件数") long received,
        @Schema(description = "期间内收到的事件按当前状态计数（每个状态都有，0 也给）") Map<String, Long> byStatus,
        @Schema(description = "期间内收到的事件按来源计数（每个来源都有，0 也给）") Map<String, Long> bySource,
        @Schema(description = "期间内收到的事件按类别计数，多的在前（只列有事件的类别）") List<StatsCategoryCount> byCategory,
        @Schema(description = "其中已办结（CLOSED，不含驳回）的事件数") long closed,
        @Schema(description = "其中按时办结（办结时间不晚于办理时限）的事件数") long closedOnTime,
        @Schema(description = "按时办结率 closedOnTime / closed，0–1，四位小数；没有办结的事件时为 null", nullable = true) Double onTimeRate,
        @Schema(description = "办结事件从上报到办结的平均时长（小时，两位小数）；没有时为 null", nullable = true) Double meanHandlingHours,
        @Schema(description = "办结事件从上报到办结的时长中位数（小时，两位小数），按分档计：1 天内每 15 分钟一档、7 天内每 1 小时、"
                + "30 天内每 6 小时、更长每 1 天，取档的中点（与精确值相差不超过半档）；没有时为 null", nullable = true)
        Double medianHandlingHours,
        @Schema(description = "其中已评价的事件数") long rated,
        @Schema(description = "平均评价星级（1–5，两位小数）；没有评价时为 null", nullable = true) Double meanRating,
        @Schema(description = "满意率：4–5 星占已评价的比例，0–1，四位小数；没有评价时为 null", nullable = true) Double satisfiedShare,
        @Schema(description = "当前未办结的事件数（不限上报日期）") long open,
        @Schema(description = "其中当前黄牌（即将超时、尚未红牌）的事件数") long yellow,
        @Schema(description = "其中当前红牌（已超时）的事件数") long red,
        @Schema(description = "其中已被上级督办的事件数") long supervised) {
}
