package cn.gridgov.identity.auth;

import cn.gridgov.identity.IdentityConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Staff passwords as PBKDF2-HMAC-SHA256 ({@code pbkdf2-sha256$iterations$salt$hash}). Hashing takes a
 * good fraction of a second on purpose, so it runs on a worker thread, never on the event loop. A hash with
 * fewer iterations than configured is replaced at the owner's next successful login ({@link #needsRehash}).
 */
@Singleton
public class PasswordHasher {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final int iterations;
    /** Checked when the username is unknown, so the answer takes as long as for a wrong password. */
    private final String dummyHash;

    public PasswordHasher(Vertx vertx, IdentityConfig config) {
        this.vertx = vertx;
        this.iterations = config.passwordIterations();
        this.dummyHash = hashNow("not-a-password-" + RANDOM.nextLong());
    }

    /** Hashes {@code password} off the event loop. */
    public Uni<String> hash(String password) {
        return vertx.executeBlocking(() -> hashNow(password), false);
    }

    /** Checks {@code password} against {@code stored} off the event loop; a null {@code stored} never matches. */
    public Uni<Boolean> verify(String password, String stored) {
        return vertx.executeBlocking(() -> {
            if (stored == null) {
                verifyNow(password, dummyHash);
                return false;
            }
            return verifyNow(password, stored);
        }, false);
    }

    /** Whether {@code stored} was made with fewer iterations than new hashes get (or in another format). */
    public boolean needsRehash(String stored) {
        String[] parts = stored.split("\\$");
        try {
            return parts.length != 4 || !PREFIX.equals(parts[0]) || Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    String hashNow(String password) {
        return hashNow(password, iterations);
    }

    String hashNow(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    boolean verifyNow(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = pbkdf2(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
