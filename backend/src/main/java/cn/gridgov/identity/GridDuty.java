package cn.gridgov.identity;

/** A staff member answering for a node: 网格长 on a community, 网格员 on a compound, 楼栋长 on a building. */
public record GridDuty(long regionId, long userId, String duty, String displayName) {

    /** The duty a role gives on the node a staff account is bound to, or null if none. */
    public static String dutyOf(String role, String level) {
        return switch (role) {
            case Role.GRID_LEADER -> "COMMUNITY".equals(level) ? Role.GRID_LEADER : null;
            case Role.GRID_WORKER -> "COMPOUND".equals(level) || "COMMUNITY".equals(level) ? Role.GRID_WORKER : null;
            case Role.BUILDING_LEAD -> "BUILDING".equals(level) ? Role.BUILDING_LEAD : null;
            default -> null;
        };
    }
}
