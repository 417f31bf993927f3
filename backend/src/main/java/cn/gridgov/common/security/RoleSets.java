package cn.gridgov.common.security;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * The named role sets of {@link Role} as configuration values ({@code gridgov.roles.admins=COMMUNITY_ADMIN,...}),
 * so {@code @RolesAllowed(Role.ANY_ADMIN)} reads a set written once in Java. Its ordinal is above every other
 * source: the sets are code, not settings, and cannot be overridden.
 */
public class RoleSets implements ConfigSource {

    static final Map<String, String> PROPERTIES = Map.of(
            "gridgov.roles.users", list(Role.USERS),
            "gridgov.roles.admins", list(Role.ADMINS),
            "gridgov.roles.leaders", list(Role.LEADERS),
            "gridgov.roles.moderators", list(Role.MODERATORS),
            "gridgov.roles.region-editors", list(Role.REGION_EDITORS),
            "gridgov.roles.department-staff", list(Role.DEPARTMENT_ROLES));

    private static String list(Set<String> roles) {
        return String.join(",", roles.stream().sorted().toList());
    }

    @Override
    public Map<String, String> getProperties() {
        return PROPERTIES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "gridgov-role-sets";
    }

    @Override
    public int getOrdinal() {
        return Integer.MAX_VALUE;
    }
}
