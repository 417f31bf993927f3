package cn.gridgov.identity;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The roles a caller's token carries (its {@code groups}), for {@code @RolesAllowed}. Staff tokens also
 * carry {@link #STAFF}, resident tokens {@link #RESIDENT}.
 */
public final class Role {

    public static final String RESIDENT = "RESIDENT";
    /** Every staff token carries it: "any staff member". */
    public static final String STAFF = "STAFF";

    /** 网格员, on a compound. */
    public static final String GRID_WORKER = "GRID_WORKER";
    /** 楼栋长, on a building. */
    public static final String BUILDING_LEAD = "BUILDING_LEAD";
    /** 网格长, on a community. */
    public static final String GRID_LEADER = "GRID_LEADER";
    /** The 社区党委's dispatcher, on a community. */
    public static final String COMMUNITY_ADMIN = "COMMUNITY_ADMIN";
    public static final String TOWN_ADMIN = "TOWN_ADMIN";
    public static final String COUNTY_ADMIN = "COUNTY_ADMIN";

    /** The roles a staff account can be given, lowest first. */
    public static final List<String> STAFF_ROLES = List.of(GRID_WORKER, BUILDING_LEAD, GRID_LEADER,
            COMMUNITY_ADMIN, TOWN_ADMIN, COUNTY_ADMIN);

    /** The roles that manage staff accounts (each within its own subtree). */
    public static final Set<String> ADMINS = Set.of(COMMUNITY_ADMIN, TOWN_ADMIN, COUNTY_ADMIN);

    /** The roles whose work needs full phone numbers (calling a reporter back); each reveal is audited. */
    public static final Set<String> PHONE_REVEALERS = Set.of(GRID_LEADER, COMMUNITY_ADMIN, TOWN_ADMIN,
            COUNTY_ADMIN);

    private Role() {
    }

    /** How high a staff role stands: an admin grants only roles at or below their own. */
    public static int rank(String role) {
        return switch (role) {
            case GRID_WORKER, BUILDING_LEAD -> 1;
            case GRID_LEADER -> 2;
            case COMMUNITY_ADMIN -> 3;
            case TOWN_ADMIN -> 4;
            case COUNTY_ADMIN -> 5;
            default -> 0;
        };
    }

    /** The highest rank among {@code roles} (0 when none is a staff role). */
    public static int rankOf(Collection<String> roles) {
        return roles.stream().mapToInt(Role::rank).max().orElse(0);
    }

    /** The region levels a role may be bound to. */
    public static Set<String> levelsFor(String role) {
        return switch (role) {
            case COUNTY_ADMIN -> Set.of("COUNTY");
            case TOWN_ADMIN -> Set.of("TOWN");
            case COMMUNITY_ADMIN, GRID_LEADER -> Set.of("COMMUNITY");
            case GRID_WORKER -> Set.of("COMMUNITY", "COMPOUND");
            case BUILDING_LEAD -> Set.of("BUILDING");
            default -> Set.of();
        };
    }
}
