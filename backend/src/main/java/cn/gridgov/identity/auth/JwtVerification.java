package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Caller;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import java.util.Set;

/**
 * Tells SmallRye JWT how to verify our tokens: our own key set (current and previous key, chosen by
 * {@code kid}), RS256 only, our issuer and audience only, with the account's token version. Replaces the provider that reads {@code mp.jwt.*}.
 */
@ApplicationScoped
public class JwtVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(SigningKeys keys, JwtConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(keys.jwks());
        info.setKeyFormat(KeyFormat.JWK);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setIssuedBy(config.issuer());
        info.setExpectedAudience(Set.of(config.audience()));
        info.setRequiredClaims(Set.of("sub", "exp", "iat", "aud", "groups", Caller.TOKEN_VERSION_CLAIM));
        info.setExpGracePeriodSecs(30);
        return info;
    }
}
