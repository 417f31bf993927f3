package cn.gridgov.incident;

import cn.gridgov.common.time.Await;
import cn.gridgov.incident.supervision.Supervisor;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notes (supervision marks, the steps of department calls: flow rows that leave the incident row as it is) name the
 * incident as it is under the lock they take, so an incident's flow ids follow its commits.
 */
@QuarkusTest
class IncidentNoteTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    IncidentWriter writer;

    @Inject
    Pool pool;

    @Test
    void aNoteWaitsForAChangeUnderWayAndNamesTheStateItLeft() throws Exception {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        // what a caller that read the incident before the change below would write: REPORTED, nobody assigned
        FlowEntry asRead = new FlowEntry(null, id, IncidentAction.WARN, IncidentStatus.REPORTED,
                IncidentStatus.REPORTED, f.adminA.userId(), Supervisor.SYSTEM_ROLE, "黄灯：时限将到", List.of(), null,
                f.tree.communityA().id(), Instant.now());
        SqlConnection changing = pool.getConnection().await().atMost(WAIT);
        SqlConnection noting = pool.getConnection().await().atMost(WAIT);
        long changeFlowId;
        long noteFlowId;
        try {
            changing.query("BEGIN").execute().await().atMost(WAIT);
            changing.preparedQuery("UPDATE incident SET status = 'DISPATCHED', assignee_id = $2 WHERE id = $1")
                    .execute(Tuple.of(id, f.worker.userId())).await().atMost(WAIT);
            changeFlowId = changing.preparedQuery("INSERT INTO incident_flow (incident_id, action, from_status, "
                            + "to_status, actor_id, actor_role, assignee_id, at) VALUES ($1, 'DISPATCH', 'REPORTED', "
                            + "'DISPATCHED', $2, 'COMMUNITY_ADMIN', $3, now()) RETURNING id")
                    .execute(Tuple.of(id, f.adminA.userId(), f.worker.userId())).await().atMost(WAIT)
                    .iterator().next().getLong("id");
            noting.query("BEGIN").execute().await().atMost(WAIT);
            CompletableFuture<Long> note = writer.note(noting, asRead).subscribeAsCompletionStage();
            Await.until("the note waits for the change's lock on the incident", WAIT, () -> pool.query("""
                            SELECT 1 FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND datname = current_database()
                              AND query LIKE '%FROM incident WHERE id = $1 FOR NO KEY UPDATE%'""")
                    .execute().await().atMost(WAIT).size() > 0);
            assertFalse(note.isDone(), "the note waits for the change");
            changing.query("COMMIT").execute().await().atMost(WAIT);
            noteFlowId = note.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            noting.query("COMMIT").execute().await().atMost(WAIT);
        } finally {
            noting.close().await().atMost(WAIT);
            changing.close().await().atMost(WAIT);
        }
        assertTrue(changeFlowId < noteFlowId, "ids follow the commits: " + changeFlowId + " < " + noteFlowId);
        Row row = IncidentFixture.rows("SELECT from_status, to_status, assignee_id, comment FROM incident_flow "
                + "WHERE id = $1", noteFlowId).get(0);
        assertEquals("DISPATCHED", row.getString("from_status"), "the state the change left, not the one read before");
        assertEquals("DISPATCHED", row.getString("to_status"));
        assertEquals(f.worker.userId(), row.getLong("assignee_id"));
        assertEquals("黄灯：时限将到", row.getString("comment"));
    }
}
