package cn.gridgov.common.security;

import cn.gridgov.common.crypto.Digests;
import cn.gridgov.common.error.DomainException;
import io.smallrye.mutiny.Uni;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * API keys held by other systems (Open311 clients, the 12345 hotline platform): generated once and shown once,
 * stored only as their SHA-256 with a short hint to tell them apart, and resolved by that hash.
 */
public final class ApiKeys {

    /** How many leading characters of a key are kept (and listed) to recognise it. */
    public static final int HINT_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A key just generated: the key itself (to show once), its hash and its hint (to store). */
    public record Generated(String key, byte[] hash, String hint) {
    }

    /** A new key of 32 random bytes behind {@code prefix}, so a leaked key is recognisable in logs and code. */
    public static Generated generate(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Generated(key, hash(key), key.substring(0, HINT_LENGTH));
    }

    /** The stored form of a presented key. */
    public static byte[] hash(String key) {
        return Digests.sha256(key.trim());
    }

    /**
     * The holder of {@code presented}, looked up by hash through {@code activeByHash} (null when unknown or revoked);
     * fails with {@code missing} when no key was presented and {@code invalid} when it resolves to nobody.
     */
    public static <T> Uni<T> resolve(String presented, Function<byte[], Uni<T>> activeByHash,
                                     Supplier<? extends DomainException> missing,
                                     Supplier<? extends DomainException> invalid) {
        if (presented == null || presented.isBlank()) {
            return Uni.createFrom().failure(missing.get());
        }
        return activeByHash.apply(hash(presented)).map(holder -> {
            if (holder == null) {
                throw invalid.get();
            }
            return holder;
        });
    }
}
