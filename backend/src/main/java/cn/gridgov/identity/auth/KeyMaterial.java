package cn.gridgov.identity.auth;

import cn.gridgov.common.crypto.Digests;

import cn.gridgov.identity.personal.PiiConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signing key and the personal-data keys, each from the first place that has it: the configuration
 * ({@code gridgov.jwt.signing-key}, {@code gridgov.pii.*}), the generated-keys folder
 * ({@code gridgov.keys.generated-dir}, filled at the first start), or the development keys when
 * {@code gridgov.keys.dev-keys-allowed} is set. Without any of them the application does not start.
 */
@Singleton
public class KeyMaterial {

    public static final String SIGNING_KEY_FILE = "jwt-signing-key.pem";
    static final String ENCRYPTION_KEY_FILE = "pii-encryption.key";
    static final String HASH_KEY_FILE = "pii-hash.key";

    private final String signingKeyPem;
    private final String piiEncryptionKey;
    private final String piiHashKey;

    @Inject
    public KeyMaterial(JwtConfig jwt, PiiConfig pii, KeysConfig keys) {
        this(jwt.signingKey(), pii.encryptionKey(), pii.hashKey(), keys.generatedDir(), keys.devKeysAllowed());
    }

    public KeyMaterial(Optional<String> signingKey, Optional<String> encryptionKey, Optional<String> hashKey,
                Optional<Path> generatedDir, boolean devKeysAllowed) {
        this.signingKeyPem = signingKey.map(SigningKeys::read).orElseGet(() -> generatedDir
                .map(dir -> readOrCreate(dir, SIGNING_KEY_FILE, KeyMaterial::newSigningKey))
                .orElseGet(() -> dev(devKeysAllowed, "gridgov.jwt.signing-key", SigningKeys.read(SigningKeys.DEV_KEY_LOCATION))));
        this.piiEncryptionKey = encryptionKey.orElseGet(() -> generatedDir
                .map(dir -> readOrCreate(dir, ENCRYPTION_KEY_FILE, KeyMaterial::newSecretKey))
                .orElseGet(() -> dev(devKeysAllowed, "gridgov.pii.encryption-key", PiiConfig.DEV_ENCRYPTION_KEY)));
        this.piiHashKey = hashKey.orElseGet(() -> generatedDir
                .map(dir -> readOrCreate(dir, HASH_KEY_FILE, KeyMaterial::newSecretKey))
                .orElseGet(() -> dev(devKeysAllowed, "gridgov.pii.hash-key", PiiConfig.DEV_HASH_KEY)));
    }

    /** The RSA private key (PKCS#8 PEM) that signs access tokens. */
    public String signingKeyPem() {
        return signingKeyPem;
    }

    /** The AES-256 key of personal data (base64). */
    public String piiEncryptionKey() {
        return piiEncryptionKey;
    }

    /** The HMAC key of personal data's search hash (base64). */
    public String piiHashKey() {
        return piiHashKey;
    }

    /** A short id of a key (for a {@code kid}): the start of its SHA-256. */
    static String fingerprint(byte[] encoded) {
        return HexFormat.of().formatHex(Digests.sha256(encoded), 0, 6);
    }

    private static String dev(boolean allowed, String property, String devKey) {
        if (!allowed) {
            throw new IllegalStateException(property + " is not set: configure it, or set gridgov.keys.generated-dir "
                    + "to generate keys at the first start (one machine only)");
        }
        return devKey;
    }

    /** The file's content; written first (owner-only, never overwritten) when it does not exist. */
    private static String readOrCreate(Path dir, String name, java.util.function.Supplier<String> create) {
        Path file = dir.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, create.get(), StandardCharsets.US_ASCII);
                try {
                    // another process starting at the same time may have been first: its key stands
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException ignored) {
                    // keep theirs
                } finally {
                    Files.delete(tmp);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the generated key " + file, e);
        }
    }

    private static String newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newSecretKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
