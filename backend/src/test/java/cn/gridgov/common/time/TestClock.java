package cn.gridgov.common.time;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Replaces the application's clock in tests: real time by default, real time moved to a chosen instant
 * (it keeps ticking from there), or a stopped time moved only by hand. Tests that move it put it back with
 * {@link #reset()}.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    /** From now on, "now" is {@code instant} plus the real time that passes. */
    public void setTo(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    /** From now on, "now" is {@code instant} and moves only by {@link #advance} (until {@link #reset()}). */
    public void freezeAt(Instant instant) {
        frozen = instant;
    }

    public void advance(Duration by) {
        Instant stopped = frozen;
        if (stopped != null) {
            frozen = stopped.plus(by);
        }
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant stopped = frozen;
        return stopped != null ? stopped : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC");
    }
}
