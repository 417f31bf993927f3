package cn.gridgov.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Keys protecting personal data at rest (base64, 32 bytes each). The defaults are development keys,
 * refused in the prod profile: set GRIDGOV_PII_ENCRYPTION_KEY and GRIDGOV_PII_HASH_KEY.
 */
@ConfigMapping(prefix = "gridgov.pii")
public interface PiiConfig {

    String DEV_ENCRYPTION_KEY = "Xb9uNrKG2t3maYuyIfdpQZ6RHyJ1HJEi+W1xCEKSnSs=";
    String DEV_HASH_KEY = "5AdpyAAgSq4IBO1Hz31sEbndRfAqDq4IJlJI3jRs4dM=";

    /** AES-256-GCM key encrypting phone numbers (and later ID numbers). */
    @WithDefault(DEV_ENCRYPTION_KEY)
    String encryptionKey();

    /** HMAC-SHA256 key of the search hash (find a user by phone without decrypting every row). */
    @WithDefault(DEV_HASH_KEY)
    String hashKey();
}
