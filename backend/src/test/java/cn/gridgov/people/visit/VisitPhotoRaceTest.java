package cn.gridgov.people.visit;

import cn.gridgov.common.time.Await;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.media.MediaRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
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
import java.util.function.Function;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One photo, two attaches at the same moment (two visits; an incident and a visit): the later one waits for the
 * earlier and is refused like any attach of a used photo (400 MEDIA_NOT_ATTACHABLE), not with a 500 and never with
 * the photo on both. The races are made deterministic: the first attach is held uncommitted until the second is seen
 * waiting for its lock (polled).
 */
@QuarkusTest
class VisitPhotoRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    VisitRepository visits;

    @Inject
    MediaRepository media;

    @Test
    void aPhotoTakenByAConcurrentVisitCountsAsNotLinked() throws Exception {
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        Instant now = Instant.now();
        long first = f.visited(household, now.minus(Duration.ofHours(2)));
        long second = f.visited(household, now.minus(Duration.ofHours(1)));
        UUID photo = UUID.fromString(IncidentFixture.photo(f.worker.token()));

        // the racer waits at its lock on the photo (the first link holds a key-share lock on it, through the foreign
        // key); a link written without that lock would wait on the unique index instead (then 23505, recovered)
        int linked = race(holder -> holder.preparedQuery(
                        "INSERT INTO key_group_visit_media (visit_id, media_id) VALUES ($1, $2)").execute(Tuple.of(first, photo)),
                racer -> visits.attach(racer, second, List.of(photo), f.worker.userId()), """
                        (query LIKE '%INSERT INTO key_group_visit_media%'
                         OR query LIKE '%FROM media WHERE id = ANY%FOR UPDATE%')""");
        assertEquals(0, linked, "taken by the other visit: not linked");
        assertEquals(List.of(first), pool.preparedQuery("SELECT visit_id FROM key_group_visit_media WHERE media_id = $1")
                .execute(Tuple.of(photo)).await().atMost(WAIT).stream().map(r -> r.getLong("visit_id")).toList());

        // and through the API, a visit with that photo is refused in Chinese
        f.recordWithPhotos(household, List.of(photo.toString())).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
    }

    /**
     * One photo, an incident and a visit at the same moment: the incident's attach holds the photo uncommitted; the
     * visit's link waits for it (its lock on the photo) and, once the incident committed, finds the photo used and links
     * nothing. Before the lock, the link checked the photo while the incident's attach was still uncommitted and
     * succeeded at once: the photo ended on both.
     */
    @Test
    void aPhotoAnIncidentIsTakingIsNotLinkedToAVisit() throws Exception {
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        long visit = f.visited(household, Instant.now().minus(Duration.ofHours(3)));
        IncidentFixture incidents = new IncidentFixture();
        long incident = incidents.reported("0101");
        UUID photo = UUID.fromString(IncidentFixture.photo(f.worker.token()));

        int linked = race(holder -> media.attach(holder, List.of(photo), incident, f.worker.userId())
                        .invoke(attached -> assertEquals(1, attached)),
                racer -> visits.attach(racer, visit, List.of(photo), f.worker.userId()),
                "query LIKE '%FROM media WHERE id = ANY%FOR UPDATE%'");
        assertEquals(0, linked, "on the incident now: not linked");
        assertEquals(0, IncidentFixture.intValue("SELECT count(*)::int FROM key_group_visit_media WHERE media_id = $1",
                photo));
        assertEquals(1, IncidentFixture.intValue("SELECT count(*)::int FROM media WHERE id = $1 AND incident_id = $2",
                photo, incident));
    }

    /**
     * Runs {@code hold} in a transaction left open, then {@code race} in another; once the racer is seen waiting for a
     * lock (a statement of its matching {@code waitingQuery}, SQL on pg_stat_activity's {@code query}), commits the
     * holder and answers what the racer answered; the racer's transaction is then rolled back (as the service would,
     * refusing the attach).
     */
    private int race(Function<SqlConnection, Uni<?>> hold, Function<SqlConnection, Uni<Integer>> race,
                     String waitingQuery) throws Exception {
        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        SqlConnection racer = pool.getConnection().await().atMost(WAIT);
        try {
            holder.query("BEGIN").execute().await().atMost(WAIT);
            hold.apply(holder).await().atMost(WAIT);
            racer.query("BEGIN").execute().await().atMost(WAIT);
            CompletableFuture<Integer> racing = race.apply(racer).subscribeAsCompletionStage();
            Await.until("the racer waits for the holder's lock", WAIT, () -> pool.query("""
                            SELECT 1 FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND datname = current_database() AND\s""" + waitingQuery)
                    .execute().await().atMost(WAIT).size() > 0);
            assertFalse(racing.isDone(), "the racer waits for the holder");
            holder.query("COMMIT").execute().await().atMost(WAIT);
            int answer = racing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            racer.query("ROLLBACK").execute().await().atMost(WAIT);
            return answer;
        } finally {
            racer.close().await().atMost(WAIT);
            holder.close().await().atMost(WAIT);
        }
    }
}
