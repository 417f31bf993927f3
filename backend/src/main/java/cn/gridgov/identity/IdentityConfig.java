package cn.gridgov.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Passwords, binding codes and login throttling. */
@ConfigMapping(prefix = "gridgov.identity")
public interface IdentityConfig {

    /**
     * PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP's current advice). Stored with each hash;
     * a hash with fewer is replaced at its owner's next successful login.
     */
    @WithDefault("600000")
    int passwordIterations();

    /** How long a WeChat binding code stays valid. */
    @WithDefault("PT15M")
    Duration bindingCodeTtl();

    /** Login throttling; every counter lives in PostgreSQL so it holds across replicas. */
    Login login();

    /** Limits on login attempts. */
    interface Login {

        /** Failed password logins for one username within {@link #failureWindow()} before it is refused. */
        @WithDefault("5")
        int maxFailuresPerUsername();

        /** Failed logins (password or binding code) from one address within the window before it is refused. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** The window failures are counted in; also how long a refused username or address waits. */
        @WithDefault("PT15M")
        Duration failureWindow();

        /** After this many failures for a username, each further failed answer is slowed down. */
        @WithDefault("3")
        int slowDownAfter();

        /** The added delay per failure beyond {@link #slowDownAfter()}. */
        @WithDefault("PT0.5S")
        Duration slowDownStep();

        /** Login requests (any kind) per minute from one address. */
        @WithDefault("60")
        int perAddressPerMinute();

        /** WeChat logins per minute for one openid. */
        @WithDefault("10")
        int perOpenidPerMinute();
    }
}
