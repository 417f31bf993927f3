package cn.gridgov.identity.staff;

import cn.gridgov.common.security.Role;
import cn.gridgov.region.RegionLevel;

import java.util.Set;

/** Which levels of the region tree a staff role may be bound to. */
public final class RoleLevels {

    private RoleLevels() {
    }

    /** The region levels {@code role} may be bound to (none for an unknown role). */
    public static Set<RegionLevel> levelsFor(String role) {
        return switch (role) {
            case Role.COUNTY_ADMIN -> Set.of(RegionLevel.COUNTY);
            case Role.TOWN_ADMIN -> Set.of(RegionLevel.TOWN);
            case Role.COMMUNITY_ADMIN, Role.GRID_LEADER -> Set.of(RegionLevel.COMMUNITY);
            case Role.GRID_WORKER -> Set.of(RegionLevel.COMMUNITY, RegionLevel.COMPOUND);
            case Role.BUILDING_LEAD -> Set.of(RegionLevel.BUILDING);
            default -> Set.of();
        };
    }
}
