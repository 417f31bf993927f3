package cn.gridgov.identity.personal;

import cn.gridgov.identity.auth.KeyMaterial;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Keys protecting personal data at rest (base64, 32 bytes each): set GRIDGOV_PII_ENCRYPTION_KEY and
 * GRIDGOV_PII_HASH_KEY. Without them, generated or development keys are used ({@link KeyMaterial}).
 */
@ConfigMapping(prefix = "gridgov.pii")
public interface PiiConfig {

    /** The development encryption key (public: dev and test only). */
    String DEV_ENCRYPTION_KEY = "Xb9uNrKG2t3maYuyIfdpQZ6RHyJ1HJEi+W1xCEKSnSs=";
    /** The development hash key (public: dev and test only). */
    String DEV_HASH_KEY = "5AdpyAAgSq4IBO1Hz31sEbndRfAqDq4IJlJI3jRs4dM=";

    /** AES-256-GCM key encrypting phone numbers (and later ID numbers). */
    Optional<String> encryptionKey();

    /** HMAC-SHA256 key of the search hash (find a user by phone without decrypting every row). */
    Optional<String> hashKey();
}
