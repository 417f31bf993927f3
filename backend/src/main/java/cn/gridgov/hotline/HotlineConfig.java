package cn.gridgov.hotline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How work orders' state changes are posted back to the hotline platforms (gridgov.hotline.*). */
@ConfigMapping(prefix = "gridgov.hotline")
public interface HotlineConfig {

    /** Whether this replica posts due callbacks (every replica may; rows are claimed, never shared). */
    @WithDefault("true")
    boolean senderEnabled();

    /** How often the callback sender looks for due rows (read by its {@code @Scheduled} expression). */
    @WithDefault("5s")
    String senderInterval();

    /** How many callbacks one sender pass claims. */
    @WithDefault("50")
    int batchSize();

    /** Attempts before a callback the platform keeps refusing is given up (FAILED; the platform can still poll). */
    @WithDefault("20")
    int maxAttempts();

    /** The pause after the first failed attempt; it doubles with each attempt. */
    @WithDefault("PT30S")
    Duration backoff();

    /** The longest pause between attempts. */
    @WithDefault("PT1H")
    Duration maxBackoff();

    /** How long one callback POST may take before it counts as failed (and is tried again). */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /**
     * A callback claimed (SENDING) for longer than this belongs to a sender that stopped mid-send; it is sent
     * again (at least once: the receiver drops repeats by the Idempotency-Key).
     */
    @WithDefault("PT2M")
    Duration sendingLease();

    /**
     * Whether a callback URL may use plain http: for development and tests only (their stub platform listens on
     * loopback); production posts over https only.
     */
    @WithDefault("false")
    boolean callbackAllowHttp();

    /**
     * Hosts (names or literal addresses) a callback may reach although they are loopback, private or link-local
     * addresses, such as the government network's gateway to the hotline platform. Empty by default: no such host.
     */
    Optional<List<String>> callbackAllowedHosts();

    /**
     * Whether an order whose category's responsibility list names a lead department is routed straight to it: once
     * the incident is reported, the system calls the lead department (吹哨 by the owning community).
     */
    @WithDefault("true")
    boolean routeToDepartment();
}
