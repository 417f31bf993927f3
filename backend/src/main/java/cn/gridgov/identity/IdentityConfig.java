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

    /**
     * Limits on login attempts. Failures are never answered with a lockout: after a few free failures each
     * further attempt must wait a delay that doubles up to a cap, per account and per address.
     */
    interface Login {

        /** Failed attempts on one account (password login, current-password checks) before delays begin. */
        @WithDefault("5")
        int accountFreeFailures();

        /** The first delay of an account; each further failure doubles it. */
        @WithDefault("PT1S")
        Duration accountFirstDelay();

        /**
         * The longest delay of an account. It bounds guessing: with the defaults, at most 109 guesses per
         * account per day (StaffLoginTest computes the bound from these settings).
         */
        @WithDefault("PT15M")
        Duration accountMaxDelay();

        /** Failed attempts (password or binding code) from one address before delays begin. */
        @WithDefault("20")
        int addressFreeFailures();

        /** The first delay of an address; each further failure doubles it. */
        @WithDefault("PT1S")
        Duration addressFirstDelay();

        /**
         * The longest delay of an address: short, since an office behind one address shares it; guessing
         * across accounts is bounded by each account's own delays.
         */
        @WithDefault("PT1M")
        Duration addressMaxDelay();

        /**
         * Failures are forgotten once an account or address has had none for this long; keep it well above both
         * longest delays, or waiting it out would restart the free failures sooner than the delays allow.
         */
        @WithDefault("PT24H")
        Duration forgetAfter();

        /** Login requests (any kind) per minute from one address. */
        @WithDefault("60")
        int perAddressPerMinute();

        /** WeChat logins per minute for one openid. */
        @WithDefault("10")
        int perOpenidPerMinute();
    }
}
