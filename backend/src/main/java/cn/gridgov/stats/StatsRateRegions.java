package cn.gridgov.stats;

import cn.gridgov.region.RegionLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** A node's rates over a period, and those of each of its children (towns of the county, communities of a town, …). */
@Schema(name = "StatsRateRegions", description = "节点及其每个直接下级（乡镇或社区）在期间内的三率")
public record StatsRateRegions(long regionId, String code, String name, RegionLevel level, LocalDate from, LocalDate to,
                               StatsRateFigures figures,
                               @Schema(description = "每个直接下级节点，没有事件的也列出（件数为 0，比率为 null）")
                               List<StatsRateNode> children) {
}
