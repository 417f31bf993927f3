package cn.gridgov.identity.staff;

import cn.gridgov.common.security.Role;
import cn.gridgov.region.RegionLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A staff member answering for a node: 网格长 on a community, 网格员 on a compound, 楼栋长 on a building. */
public record GridDuty(long regionId, long userId, String duty, @Schema(nullable = true) String displayName) {

    /** The duties, in the order new work goes to them on one node: the grid worker first, the leader last. */
    public static final List<String> DUTIES = List.of(Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER);

    /** THE choice of who takes new work among the people on duty at one node: by {@link #DUTIES}, then lowest id. */
    public static final Comparator<GridDuty> PREFERENCE = Comparator
            .comparingInt((GridDuty d) -> DUTIES.indexOf(d.duty())).thenComparingLong(GridDuty::userId);

    /** The person new work goes to among {@code onDuty} (all on one node), or empty when nobody is on duty. */
    public static Optional<GridDuty> chosen(List<GridDuty> onDuty) {
        return onDuty.stream().min(PREFERENCE);
    }

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
