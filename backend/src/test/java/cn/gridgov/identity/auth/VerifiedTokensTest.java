package cn.gridgov.identity.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verified access token is remembered briefly, never past its expiry, and a refused one never. */
class VerifiedTokensTest {

    private static final long GRACE = 30_000;

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final AtomicInteger verifications = new AtomicInteger();
    /** Verifies "good-<exp seconds>" tokens; refuses anything else, and anything expired (with the grace). */
    private final VerifiedTokens tokens = new VerifiedTokens(new DefaultJWTParser() {
        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications.incrementAndGet();
            if (!token.startsWith("good-")) {
                throw new ParseException("bad signature");
            }
            long exp = Long.parseLong(token.substring(5));
            if (now.get() >= exp * 1000 + GRACE) {
                throw new ParseException("expired");
            }
            return token(exp);
        }
    }, GRACE, now::get);

    @Test
    void aVerifiedTokenIsNotVerifiedAgainWithinAMinute() throws ParseException {
        String good = "good-" + (now.get() / 1000 + 900);
        JsonWebToken first = tokens.parse(good);
        now.addAndGet(VerifiedTokens.MAX_AGE_MILLIS - 1);
        assertSame(first, tokens.parse(good));
        assertEquals(1, verifications.get());
        now.addAndGet(1);
        tokens.parse(good);
        assertEquals(2, verifications.get(), "after a minute it is verified again");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws ParseException {
        long exp = now.get() / 1000 + 20;
        String good = "good-" + exp;
        tokens.parse(good);
        now.set(exp * 1000 + GRACE - 1);
        tokens.parse(good);
        assertEquals(1, verifications.get());
        now.set(exp * 1000 + GRACE);
        assertThrows(ParseException.class, () -> tokens.parse(good));
        assertEquals(2, verifications.get());
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, verifications.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void theMemoryIsBounded() throws ParseException {
        long exp = now.get() / 1000 + 900;
        for (int i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) {
            tokens.parse("good-" + (exp + i));
        }
        assertTrue(tokens.size() <= VerifiedTokens.MAX_ENTRIES, "remembered: " + tokens.size());
    }

    private static JsonWebToken token(long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "1";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
            }
        };
    }
}
