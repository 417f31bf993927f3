package cn.gridgov.common.security;

import java.util.Set;

/**
 * An immutable copy of the {@link Caller}, taken in the resource and handed to services (safe to use in
 * any callback, unlike the request-scoped bean).
 */
public record Actor(long userId, Set<String> roles, String scopePath, Long scopeRegionId, String address,
                    Long departmentId) {

    /** A caller bound to a region node (or none): not department staff. */
    public Actor(long userId, Set<String> roles, String scopePath, Long scopeRegionId, String address) {
        this(userId, roles, scopePath, scopeRegionId, address, null);
    }

    /** Whether the caller is department staff (bound to a department, not to a region node). */
    public boolean isDepartmentStaff() {
        return departmentId != null && isStaff();
    }

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

    /**
     * Whether the caller stands over someone of rank {@code rank} bound at {@code path}: strictly higher, and
     * the node in the caller's scope. The rule for acting on another's account (reset, bind, unbind) and for
     * seeing their work (import jobs).
     */
    public boolean oversees(String path, int rank) {
        return rank() > rank && within(path, scopePath);
    }

    /** Whether the node at {@code path} lies in the subtree at {@code scope} (Java's {@code path <@ scope}): THE containment rule. */
    public static boolean within(String path, String scope) {
        // without building scope + "." (the feed asks this per connection per event)
        return scope != null && path != null && path.startsWith(scope)
                && (path.length() == scope.length() || path.charAt(scope.length()) == '.');
    }
}
