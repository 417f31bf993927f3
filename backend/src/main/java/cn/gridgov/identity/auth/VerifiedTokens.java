package cn.gridgov.identity.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * SmallRye JWT's parser, remembering for a short while each access token it verified, keyed by the token's text,
 * so that a client's next requests skip the signature check and the parse (issue 18: a third of a locate's server
 * CPU). What is remembered is only what the text proves, which cannot change: the signature by one of this
 * process's keys (fixed at start), issuer, audience, required claims. The expiry is still applied (with the parser's
 * grace) and the account's current token version is still read per request ({@link CurrentAccess}). Tokens that fail
 * are not remembered.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {

    /** How long a verified token is remembered at most. */
    static final long MAX_AGE_MILLIS = 60_000;
    /** At most this many tokens are remembered (about 1 KB each); when full, the expired go, or all. */
    static final int MAX_ENTRIES = 10_000;

    private final JWTParser verifier;
    private final long graceMillis;
    private final LongSupplier millis;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * The verifier checks expiry against the system clock, so what it verified is remembered by that clock too, with
     * the grace {@link JwtVerification} gives (through the deprecated setter, hence the getter here).
     */
    @Inject
    @SuppressWarnings("deprecation")
    public VerifiedTokens(JWTAuthContextInfo info, JWTCallerPrincipalFactory principals) {
        this(new DefaultJWTParser(info, principals),
                Math.max(info.getExpGracePeriodSecs(), info.getClockSkew()) * 1000L, System::currentTimeMillis);
    }

    VerifiedTokens(JWTParser verifier, long graceMillis, LongSupplier millis) {
        this.verifier = verifier;
        this.graceMillis = graceMillis;
        this.millis = millis;
    }

    private record Verified(JsonWebToken jwt, long untilMillis) {
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = millis.getAsLong();
        Verified known = verified.get(token);
        if (known != null && now < known.untilMillis()) {
            return known.jwt();
        }
        JsonWebToken jwt = verifier.parse(token);
        remember(token, jwt, now);
        return jwt;
    }

    private void remember(String token, JsonWebToken jwt, long now) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(v -> now >= v.untilMillis());
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        long until = Math.min(now + MAX_AGE_MILLIS, jwt.getExpirationTime() * 1000L + graceMillis);
        verified.put(token, new Verified(jwt, until));
    }

    /** How many tokens are remembered now (for the tests). */
    int size() {
        return verified.size();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
