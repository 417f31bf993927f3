package cn.gridgov.identity.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How access and refresh tokens are signed and how long they live. */
@ConfigMapping(prefix = "gridgov.jwt")
public interface JwtConfig {

    /** The {@code iss} of our tokens; tokens of any other issuer are refused. */
    @WithDefault("https://gridgov.cn")
    String issuer();

    /** The {@code aud} of our tokens; tokens for any other audience (or none) are refused. */
    @WithDefault("gridgov-api")
    String audience();

    /** How long an access token is valid. */
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** How long a refresh token is valid (each use replaces it). */
    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /**
     * How long a refresh family (one login, however often its token is rotated) lasts from the login; after
     * it the user logs in again.
     */
    @WithDefault("P30D")
    Duration refreshFamilyLifetime();

    /**
     * The RSA private key (PKCS#8 PEM) that signs access tokens: the PEM text itself, a file path, or
     * {@code classpath:...}. Without it, a generated or the development key is used ({@link KeyMaterial}).
     */
    Optional<String> signingKey();

    /**
     * The {@code kid} of the signing key, published in the JWKS; without it, {@code dev-1} for the development
     * key and {@code k-} and the start of the public key's SHA-256 for any other.
     */
    Optional<String> keyId();

    /** During a rotation: the previous key's public key (PEM text, file path or classpath:), still accepted. */
    Optional<String> previousPublicKey();

    /** The {@code kid} of the previous key. */
    Optional<String> previousKeyId();
}
