package cn.gridgov.people.visit;

import cn.gridgov.common.time.Await;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One photo, two visits at the same moment: the visit whose insert waited on the photo's unique index while the
 * other committed is refused like any visit with a used photo (400 MEDIA_NOT_ATTACHABLE), not with a 500. The race
 * is made deterministic: the first link is held uncommitted until the second is seen waiting for its lock (polled).
 */
@QuarkusTest
class VisitPhotoRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    VisitRepository visits;

    @Test
    void aPhotoTakenByAConcurrentVisitCountsAsNotLinked() throws Exception {
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        Instant now = Instant.now();
        long first = f.visited(household, now.minus(Duration.ofHours(2)));
        long second = f.visited(household, now.minus(Duration.ofHours(1)));
        UUID photo = UUID.fromString(IncidentFixture.photo(f.worker.token()));

        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        SqlConnection racer = pool.getConnection().await().atMost(WAIT);
        try {
            holder.query("BEGIN").execute().await().atMost(WAIT);
            holder.preparedQuery("INSERT INTO key_group_visit_media (visit_id, media_id) VALUES ($1, $2)")
                    .execute(Tuple.of(first, photo)).await().atMost(WAIT);

            racer.query("BEGIN").execute().await().atMost(WAIT);
            CompletableFuture<Integer> racing = visits.attach(racer, second, List.of(photo), f.worker.userId())
                    .subscribeAsCompletionStage();
            Await.until("the second link waits for the first's lock", WAIT, () -> pool.query("""
                            SELECT 1 FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO key_group_visit_media%'
                              AND datname = current_database()""").execute().await().atMost(WAIT).size() > 0);
            assertFalse(racing.isDone(), "the second link waits for the first");
            holder.query("COMMIT").execute().await().atMost(WAIT);

            assertEquals(0, racing.get(WAIT.toSeconds(), TimeUnit.SECONDS), "taken by the other visit: not linked");
            // (VisitService then refuses the visit, which rolls its transaction back)
            racer.query("ROLLBACK").execute().await().atMost(WAIT);
        } finally {
            racer.close().await().atMost(WAIT);
            holder.close().await().atMost(WAIT);
        }
        assertEquals(List.of(first), pool.preparedQuery("SELECT visit_id FROM key_group_visit_media WHERE media_id = $1")
                .execute(Tuple.of(photo)).await().atMost(WAIT).stream().map(r -> r.getLong("visit_id")).toList());

        // and through the API, a visit with that photo is refused in Chinese
        var body = f.body(household, "HOME", 0, null);
        body.put("mediaIds", List.of(photo.toString()));
        f.record(f.worker.token(), body).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
    }
}
