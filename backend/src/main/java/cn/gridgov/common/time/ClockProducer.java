package cn.gridgov.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one source of "now": inject {@link Clock} instead of calling {@code Instant.now()}. A default bean,
 * so tests can put a clock of their own in its place and move time (deadlines, suspension).
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
