package cn.gridgov.identity;

import java.util.Set;

/**
 * An immutable copy of the {@link Caller}, taken in the resource and handed to services (safe to use in
 * any callback, unlike the request-scoped bean).
 */
public record Actor(long userId, Set<String> roles, String scopePath, Long scopeRegionId, String address) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return roles.contains(Role.STAFF);
    }

    /** The highest staff rank among the caller's roles (0 for residents). */
    public int rank() {
        return Role.highestRank(roles);
    }
}
