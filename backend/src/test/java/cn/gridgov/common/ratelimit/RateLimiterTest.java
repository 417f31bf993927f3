package cn.gridgov.common.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counters in PostgreSQL: atomic under concurrency, windows that end, reset. */
@QuarkusTest
class RateLimiterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    RateLimiter limiter;

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
}
