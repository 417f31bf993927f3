package cn.gridgov.common.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counters in PostgreSQL: atomic under concurrency, windows that end, reset, a commit that waits for no disk. */
@QuarkusTest
class RateLimiterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    RateLimiter limiter;

    @Inject
    Pool pool;

    @Test
    void concurrentHitsAreAllCounted() {
        String key = "test:" + UUID.randomUUID();
        List<CompletableFuture<RateLimiter.Count>> hits = IntStream.range(0, 30)
                .mapToObj(i -> limiter.hit(key, Duration.ofMinutes(1)).subscribeAsCompletionStage()).toList();
        List<Integer> counts = hits.stream().map(f -> f.join().hits()).sorted().toList();
        assertEquals(IntStream.rangeClosed(1, 30).boxed().toList(), counts, "each hit saw a distinct count");
        RateLimiter.Count peek = limiter.peek(key).await().atMost(WAIT);
        assertEquals(30, peek.hits());
        assertTrue(peek.secondsLeft() > 0 && peek.secondsLeft() <= 60);
    }

    @Test
    void aFinishedWindowStartsAgainAndResetForgets() throws InterruptedException {
        String key = "test:" + UUID.randomUUID();
        limiter.hit(key, Duration.ofSeconds(1)).await().atMost(WAIT);
        assertEquals(2, limiter.hit(key, Duration.ofSeconds(1)).await().atMost(WAIT).hits());
        Thread.sleep(1100);
        assertEquals(0, limiter.peek(key).await().atMost(WAIT).hits());
        assertEquals(1, limiter.hit(key, Duration.ofSeconds(1)).await().atMost(WAIT).hits());
        limiter.reset(key).await().atMost(WAIT);
        assertEquals(0, limiter.peek(key).await().atMost(WAIT).hits());
    }

    /**
     * A hit's transaction commits without waiting for the disk (V7_99), and only that one: the connection goes back to
     * the pool as it came, so the next transaction on it (a report, say) still waits for its commit to be durable.
     */
    @Test
    void aHitsAsynchronousCommitEndsWithItsTransaction() {
        String key = "test:" + UUID.randomUUID();
        List<String> settings = pool.withConnection(conn -> conn.preparedQuery(
                        "SELECT hits, current_setting('synchronous_commit') AS inside FROM rate_limit_hit($1, $2)")
                .execute(Tuple.of(key, 60.0))
                .chain(inside -> conn.query("SHOW synchronous_commit").execute()
                        .map(after -> List.of(inside.iterator().next().getString("inside"),
                                after.iterator().next().getString(0)))))
                .await().atMost(WAIT);
        assertEquals(List.of("off", "on"), settings, "off for the hit's own transaction, on again after it");
        assertEquals(1, limiter.peek(key).await().atMost(WAIT).hits(), "the hit was committed");
    }
}
