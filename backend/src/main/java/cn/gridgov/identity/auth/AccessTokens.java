package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Mints our RS256 access tokens: {@code sub}, {@code aud}, {@code groups}, kind, the account's token version,
 * and the staff scope node.
 */
@Singleton
public class AccessTokens {

    private final SigningKeys keys;
    private final JwtConfig config;

    public AccessTokens(SigningKeys keys, JwtConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** The token lifetime in seconds, as told to clients ({@code expiresIn}). */
    public long ttlSeconds() {
        return config.accessTokenTtl().toSeconds();
    }

    /** A resident's token; {@code tokenVersion} is the account's current one. */
    public String resident(long userId, int tokenVersion) {
        return sign(userId, tokenVersion, "RESIDENT", Set.of(Role.RESIDENT), null, null);
    }

    /** A staff token scoped to region {@code regionId} (path {@code regionPath}). */
    public String staff(long userId, int tokenVersion, Set<String> roles, long regionId, String regionPath) {
        Set<String> groups = new LinkedHashSet<>(roles);
        groups.add(Role.STAFF);
        return sign(userId, tokenVersion, "STAFF", groups, regionId, regionPath);
    }

    /**
     * A department staff member's token: no region claims (no data scope in the tree), the department instead;
     * they see the incidents their department has been called to.
     */
    public String department(long userId, int tokenVersion, Set<String> roles, long departmentId) {
        Set<String> groups = new LinkedHashSet<>(roles);
        groups.add(Role.STAFF);
        return sign(userId, tokenVersion, "STAFF", groups, null, null, departmentId);
    }

    private String sign(long userId, int tokenVersion, String kind, Set<String> groups, Long regionId,
                        String regionPath) {
        return sign(userId, tokenVersion, kind, groups, regionId, regionPath, null);
    }

    private String sign(long userId, int tokenVersion, String kind, Set<String> groups, Long regionId,
                        String regionPath, Long departmentId) {
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(Long.toString(userId))
                .groups(groups)
                .claim(Caller.KIND_CLAIM, kind)
                .claim(Caller.TOKEN_VERSION_CLAIM, tokenVersion)
                .issuedAt(System.currentTimeMillis() / 1000)
                .expiresIn(config.accessTokenTtl());
        if (regionId != null) {
            claims.claim(Caller.REGION_ID_CLAIM, regionId).claim(Caller.REGION_PATH_CLAIM, regionPath);
        }
        if (departmentId != null) {
            claims.claim(Caller.DEPARTMENT_ID_CLAIM, departmentId);
        }
        return claims.jws().keyId(keys.keyId()).sign(keys.privateKey());
    }
}
