package cn.gridgov.stats;

import cn.gridgov.region.RegionLevel;

/** The figures of one child node of the node asked for (every child is listed, with zeros when it has nothing). */
public record StatsChild(long regionId, String code, String name, RegionLevel level, StatsFigures figures) {
}
