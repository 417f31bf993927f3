package cn.gridgov.common.security;

import cn.gridgov.common.error.Unauthenticated;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Who is calling, read from the verified access token: the one way other packages learn the user,
 * their roles and their data scope. Use it in endpoints that require authentication
 * ({@code @RolesAllowed} / {@code @Authenticated}); read what you need in the resource and pass values on.
 */
@RequestScoped
public class Caller {

    /** Claim: the id of the region node a staff account is bound to. */
    public static final String REGION_ID_CLAIM = "region_id";
    /** Claim: that node's ltree path (ids from the root, e.g. {@code 1.4.17}). */
    public static final String REGION_PATH_CLAIM = "region_path";
    /** Claim: {@code RESIDENT} or {@code STAFF}. */
    public static final String KIND_CLAIM = "kind";
    /** Claim: the account's token version when the token was issued (identity's {@code TokenVersions}: raised, it ends every older token). */
    public static final String TOKEN_VERSION_CLAIM = "tv";

    /** Claim: the id of the department a department staff account is bound to (no region claims then). */
    public static final String DEPARTMENT_ID_CLAIM = "department_id";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The caller's user id ({@code sub}). */
    public long userId() {
        String sub = jwt.getSubject();
        if (sub == null) {
            throw new Unauthenticated("UNAUTHENTICATED", "请先登录", "Please log in");
        }
        return Long.parseLong(sub);
    }

    /** The roles of the token, including {@link Role#STAFF} or {@link Role#RESIDENT}. */
    public Set<String> roles() {
        Set<String> groups = jwt.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    public boolean isStaff() {
        return hasRole(Role.STAFF);
    }

    /** The ltree path of the staff member's node; everything they may see is {@code path <@ scopePath}. Null for residents. */
    public String scopePath() {
        Object path = jwt.getClaim(REGION_PATH_CLAIM);
        if (path instanceof JsonString s) {
            return s.getString();
        }
        return path == null ? null : path.toString();
    }

    /** The id of the staff member's node; null for residents. */
    public Long scopeRegionId() {
        Object id = jwt.getClaim(REGION_ID_CLAIM);
        if (id == null) {
            return null;
        }
        if (id instanceof JsonNumber n) {
            return n.longValue();
        }
        return id instanceof Number n ? n.longValue() : Long.valueOf(id.toString());
    }

    /** The id of the department a department staff member is bound to; null for everyone else. */
    public Long departmentId() {
        Object id = jwt.getClaim(DEPARTMENT_ID_CLAIM);
        if (id == null) {
            return null;
        }
        if (id instanceof JsonNumber n) {
            return n.longValue();
        }
        return id instanceof Number n ? n.longValue() : Long.valueOf(id.toString());
    }

    /** An immutable copy to hand to services; {@code address} is the client's address (for audit logs). */
    public Actor actor(String address) {
        return new Actor(userId(), Set.copyOf(roles()), scopePath(), scopeRegionId(), address, departmentId());
    }
}
