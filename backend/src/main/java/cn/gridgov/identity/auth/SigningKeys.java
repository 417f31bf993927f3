package cn.gridgov.identity.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys behind our tokens: the current private key and its public half, plus the previous public key
 * during a rotation. Publishes them as a JWKS for {@code /.well-known/jwks.json} and for verification.
 */
@Singleton
public class SigningKeys {

    static final String DEV_KEY_LOCATION = "classpath:dev-keys/dev-jwt-signing-key.pem";

    private final PrivateKey privateKey;
    private final String keyId;
    private final Map<String, RSAPublicKey> publicKeys = new LinkedHashMap<>();
    private final boolean devKey;

    public SigningKeys(JwtConfig config, KeyMaterial keys) {
        RSAPrivateCrtKey key = privateKey(keys.signingKeyPem());
        this.privateKey = key;
        this.devKey = key.getModulus().equals(privateKey(read(DEV_KEY_LOCATION)).getModulus());
        RSAPublicKey publicKey = publicOf(key);
        this.keyId = config.keyId().orElse(devKey ? "dev-1" : "k-" + KeyMaterial.fingerprint(publicKey.getEncoded()));
        publicKeys.put(keyId, publicKey);
        if (config.previousPublicKey().isPresent()) {
            String previousId = config.previousKeyId().orElseThrow(() -> new IllegalStateException(
                    "gridgov.jwt.previous-key-id is required with gridgov.jwt.previous-public-key"));
            publicKeys.put(previousId, publicKey(read(config.previousPublicKey().get())));
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** Whether the signing key is the committed development key. */
    public boolean isDevKey() {
        return devKey;
    }

    /** The public keys as a JSON Web Key Set. */
    public String jwks() {
        JsonArray keys = new JsonArray();
        publicKeys.forEach((kid, key) -> keys.add(new JsonObject()
                .put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                .put("n", base64Url(key.getModulus())).put("e", base64Url(key.getPublicExponent()))));
        return new JsonObject().put("keys", keys).encode();
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** PEM text as given, or read from {@code classpath:...} or a file. */
    static String read(String valueOrLocation) {
        String v = valueOrLocation.trim();
        if (v.startsWith("-----BEGIN")) {
            return v;
        }
        try {
            if (v.startsWith("classpath:")) {
                String resource = v.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("key resource not found: " + v);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(Path.of(v), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + v, e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static RSAPrivateCrtKey privateKey(String pem) {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("gridgov.jwt.signing-key is not an RSA PKCS#8 PEM private key", e);
        }
    }

    private static RSAPublicKey publicKey(String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("gridgov.jwt.previous-public-key is not an RSA PEM public key", e);
        }
    }

    private static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
