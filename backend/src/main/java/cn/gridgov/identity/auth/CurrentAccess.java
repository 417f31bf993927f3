package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses an access token whose account has moved on (disabled, roles or password changed, logged out): the
 * token's version is compared with the account's current one, held in memory by {@link TokenVersions} while
 * its announcements are heard (else read by primary key). The replica where the change is made refuses the
 * token at once; the others as soon as the change's announcement reaches them (milliseconds after the commit).
 */
@ApplicationScoped
public class CurrentAccess implements SecurityIdentityAugmentor {

    private final Pool pool;
    private final TokenVersions versions;

    public CurrentAccess(Pool pool, TokenVersions versions) {
        this.pool = pool;
        this.versions = versions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return accepts(jwt).map(current -> {
            if (!current) {
                throw new AuthenticationFailedException("the access token's account has changed or logged out");
            }
            return identity;
        });
    }

    /** Whether the (verified) token carries its account's current token version; the feed asks this too. */
    public Uni<Boolean> accepts(JsonWebToken jwt) {
        Integer version = tokenVersion(jwt);
        long userId;
        try {
            userId = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            return Uni.createFrom().item(false);
        }
        return version == null ? Uni.createFrom().item(false) : isCurrent(userId, version);
    }

    /** Whether {@code version} is still the current token version of account {@code userId}. */
    public Uni<Boolean> isCurrent(long userId, int version) {
        return versions.isCurrent(pool, userId, version);
    }

    /** The token version a (verified) token carries (claim {@code tv}), or null when it has none. */
    public static Integer tokenVersion(JsonWebToken jwt) {
        Object version = jwt.getClaim(Caller.TOKEN_VERSION_CLAIM);
        if (version instanceof JsonNumber n) {
            return n.intValue();
        }
        return version instanceof Number n ? n.intValue() : null;
    }
}
