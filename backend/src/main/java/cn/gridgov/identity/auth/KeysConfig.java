package cn.gridgov.identity.auth;

import cn.gridgov.identity.DevMaterialGuard;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where keys come from when {@code gridgov.jwt.signing-key} or {@code gridgov.pii.*} are not set: keys generated
 * at the first start and kept in a folder (the demo run, a trial on one machine), or the committed development
 * keys (dev and test only: the prod profile refuses to start with them, see {@link DevMaterialGuard}).
 */
@ConfigMapping(prefix = "gridgov.keys")
public interface KeysConfig {

    /**
     * A folder for keys generated at the first start (RSA 2048 signing key, two random 32-byte personal-data
     * keys; files readable by the owner only) and read again on every later start. Keep it, or personal data
     * stored meanwhile cannot be read; several replicas need configured keys instead.
     */
    Optional<Path> generatedDir();

    /** Allows the committed development keys (public, so they protect nothing); set in the dev and test profiles. */
    @WithDefault("false")
    boolean devKeysAllowed();
}
