package cn.gridgov.stats;

import cn.gridgov.region.RegionLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The rates of one region node. */
@Schema(name = "StatsRateNode", description = "一个区域节点的三率")
public record StatsRateNode(long regionId, String code, String name, RegionLevel level, StatsRateFigures figures) {
}
