package cn.gridgov.common.ratelimit;

import cn.gridgov.common.error.RateLimited;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Fixed-window counters kept in PostgreSQL, so a limit holds across every replica: each {@link #hit}
 * is one atomic upsert. Used for login attempts and failures; any package may use it with its own keys.
 */
@ApplicationScoped
public class RateLimiter {

    /** The state of one counter: how many hits in the current window, and seconds until it ends. */
    public record Count(int hits, long secondsLeft) {

        public static final Count NONE = new Count(0, 0);
    }

    /**
     * One hit, its own transaction, committed without waiting for the disk (V7_99): a crash can lose the counts of
     * its last moments, never anything else, and each hit costs no flush of its own.
     */
    private static final String HIT = "SELECT hits, seconds_left FROM rate_limit_hit($1, $2)";

    private static final String PEEK = """
            SELECT hits, greatest(1, ceil(extract(epoch FROM expires_at - now())))::bigint AS seconds_left
            FROM rate_limit WHERE key = $1 AND expires_at > now()
            """;

    private final Pool pool;

    public RateLimiter(Pool pool) {
        this.pool = pool;
    }

    /** Counts one hit on {@code key}; a new window of {@code window} starts when the last one is over. */
    public Uni<Count> hit(String key, Duration window) {
        return pool.preparedQuery(HIT).execute(Tuple.of(key, (double) Math.max(1, window.toSeconds())))
                .map(rows -> count(rows.iterator().next()));
    }

    /**
     * Counts one hit on {@code key} and fails with 429 and {@code Retry-After} (the rest of the window) once
     * there were more than {@code limit} in the current {@code window}.
     */
    public Uni<Void> admit(String key, int limit, Duration window, String code, String zh, String en) {
        return hit(key, window).map(count -> {
            if (count.hits() > limit) {
                throw new RateLimited(code, zh, en, count.secondsLeft());
            }
            return null;
        });
    }

    /** The current count of {@code key}, without adding to it. */
    public Uni<Count> peek(String key) {
        return pool.preparedQuery(PEEK).execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? Count.NONE : count(rows.iterator().next()));
    }

    /** Forgets {@code key} (for example after a successful login). */
    public Uni<Void> reset(String key) {
        return pool.preparedQuery("DELETE FROM rate_limit WHERE key = $1").execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Drops finished windows; harmless when several replicas run it at once. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return pool.query("DELETE FROM rate_limit WHERE expires_at < now() - interval '1 minute'").execute()
                .replaceWithVoid();
    }

    private static Count count(Row row) {
        return new Count(row.getInteger("hits"), row.getLong("seconds_left"));
    }
}
