package cn.gridgov.common.security;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

    /** A department's (or station's, or utility's) handler: reports to the incidents whistled to it and handles them. */
    public static final String DEPT_HANDLER = "DEPT_HANDLER";
    /** A department's admin: answers its calls (报到 or refusal for arbitration) and names its handlers. */
    public static final String DEPT_ADMIN = "DEPT_ADMIN";

    /** The roles a staff account can be given, lowest first. */
    public static final List<String> STAFF_ROLES = List.of(GRID_WORKER, BUILDING_LEAD, GRID_LEADER,
            COMMUNITY_ADMIN, TOWN_ADMIN, COUNTY_ADMIN);

    /** The roles of department staff: accounts bound to a department instead of a region node. */
    public static final Set<String> DEPARTMENT_ROLES = Set.of(DEPT_HANDLER, DEPT_ADMIN);

    /** Anyone logged in: residents and staff. */
    public static final Set<String> USERS = Set.of(RESIDENT, STAFF);

    /** The roles that manage staff accounts (each within its own subtree). */
    public static final Set<String> ADMINS = Set.of(COMMUNITY_ADMIN, TOWN_ADMIN, COUNTY_ADMIN);

    /** 网格长 and above: they dispatch incidents, and their work needs full phone numbers (each reveal is audited). */
    public static final Set<String> LEADERS = Set.of(GRID_LEADER, COMMUNITY_ADMIN, TOWN_ADMIN, COUNTY_ADMIN);

    /**
     * Who moderates residents' content (flags of text and photos, warnings, mutes): a permission of community
     * admins and the admins above them, each within their subtree. Written as its own set, not as {@link #ADMINS}:
     * the two happen to hold the same roles today, and a county that gives moderation to other staff changes this
     * set alone.
     */
    public static final Set<String> MODERATORS = Set.of(COMMUNITY_ADMIN, TOWN_ADMIN, COUNTY_ADMIN);

    /** The roles that edit the region tree and import it (town and county). */
    public static final Set<String> REGION_EDITORS = Set.of(TOWN_ADMIN, COUNTY_ADMIN);

    /*
     * The sets above for @RolesAllowed, which takes only compile-time constants: property expressions that
     * RoleSets (a configuration source) renders from the sets, so each set is still written once.
     */
    /** {@code @RolesAllowed}: any of {@link #USERS}. */
    public static final String ANY_USER = "${gridgov.roles.users}";
    /** {@code @RolesAllowed}: any of {@link #ADMINS}. */
    public static final String ANY_ADMIN = "${gridgov.roles.admins}";
    /** {@code @RolesAllowed}: any of {@link #LEADERS}. */
    public static final String ANY_LEADER = "${gridgov.roles.leaders}";
    /** {@code @RolesAllowed}: any of {@link #MODERATORS}. */
    public static final String ANY_MODERATOR = "${gridgov.roles.moderators}";
    /** {@code @RolesAllowed}: any of {@link #REGION_EDITORS}. */
    public static final String ANY_REGION_EDITOR = "${gridgov.roles.region-editors}";

    /** {@code @RolesAllowed}: any of {@link #DEPARTMENT_ROLES}. */
    public static final String ANY_DEPARTMENT_STAFF = "${gridgov.roles.department-staff}";

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

    /**
     * THE highest-role choice: the highest ranked of {@code roles} that is among {@code candidates} (the first
     * of equal rank), or empty when none is.
     */
    public static Optional<String> highest(Collection<String> roles, Collection<String> candidates) {
        return roles.stream().filter(candidates::contains).max(Comparator.comparingInt(Role::rank));
    }

    /** The highest staff rank among {@code roles} (0 when none is a staff role). */
    public static int highestRank(Collection<String> roles) {
        return highest(roles, STAFF_ROLES).map(Role::rank).orElse(0);
    }

}
