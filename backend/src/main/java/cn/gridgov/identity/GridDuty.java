package cn.gridgov.identity;

import cn.gridgov.region.RegionLevel;

/** A staff member answering for a node: 网格长 on a community, 网格员 on a compound, 楼栋长 on a building. */
public record GridDuty(long regionId, long userId, String duty, String displayName) {

    /** The duty a role gives on the node a staff account is bound to, or null if none. */
    public static String dutyOf(String role, RegionLevel level) {
        return switch (role) {
            case Role.GRID_LEADER -> level == RegionLevel.COMMUNITY ? Role.GRID_LEADER : null;
            case Role.GRID_WORKER -> level == RegionLevel.COMPOUND || level == RegionLevel.COMMUNITY
                    ? Role.GRID_WORKER : null;
            case Role.BUILDING_LEAD -> level == RegionLevel.BUILDING ? Role.BUILDING_LEAD : null;
            default -> null;
        };
    }
}
