package cn.gridgov.hotline;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The callback outbox: one row per change of an order's incident, claimed by one sender, and its outcome. */
@ApplicationScoped
public class HotlineCallbackRepository {

    /** A claimed callback: where it goes, with which key, what it says, and how many attempts it has had. */
    public record Due(long id, String url, String eventKey, JsonObject payload, int attempts) {
    }

    /** What a change says to the platform (its order number and event key are added from the order). */
    public record Change(long incidentId, long flowId, String action, String fromStatus, String status,
                         String statusName, String comment, String at) {
    }

    /**
     * Queues the change for the platform that pushed the incident's order, in the change's transaction; nothing when
     * the incident came from no order or its platform has no callback URL.
     */
    public Uni<Void> queue(SqlClient tx, Change c, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO hotline_callback (order_id, flow_id, event_key, url, payload, next_attempt_at, created_at)
                        SELECT o.id, $2::bigint, k.event_key, coalesce(o.callback_url, hc.callback_url),
                               jsonb_build_object('eventId', k.event_key, 'orderNo', o.order_no, 'incidentId', o.incident_id,
                                   'action', $3::text, 'fromStatus', $4::text, 'status', $5::text, 'statusName', $6::text,
                                   'comment', $7::text, 'at', $8::text),
                               $9, $9
                        FROM hotline_order o
                        JOIN hotline_client hc ON hc.id = o.client_id
                        CROSS JOIN LATERAL (SELECT 'hotline-' || o.id || '-' || $2::bigint AS event_key) k
                        WHERE o.incident_id = $1 AND coalesce(o.callback_url, hc.callback_url) IS NOT NULL
                        ON CONFLICT (event_key) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(c.incidentId(), c.flowId(), c.action(), c.fromStatus(), c.status(),
                        c.statusName(), c.comment(), c.at(), at(now))))
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due callbacks in one statement: rows another sender holds are skipped, the claimed
     * ones are marked SENDING (with the attempt counted) before anything is sent.
     */
    public Uni<List<Due>> claim(SqlClient db, Instant now, int limit) {
        return db.preparedQuery("""
                        WITH due AS (
                            SELECT id FROM hotline_callback WHERE state = 'PENDING' AND next_attempt_at <= $1
                            ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED),
                        claimed AS (
                            UPDATE hotline_callback c SET state = 'SENDING', attempts = c.attempts + 1, claimed_at = $1
                            FROM due WHERE c.id = due.id
                            RETURNING c.id, c.url, c.event_key, c.payload, c.attempts)
                        SELECT * FROM claimed ORDER BY id""")
                .execute(Tuple.of(at(now), limit))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Due(r.getLong("id"), r.getString("url"), r.getString("event_key"),
                                (JsonObject) r.getValue("payload"), r.getInteger("attempts")));
                    }
                    return out;
                });
    }

    /** Records the outcome of a claimed row (only while it is still claimed). */
    public Uni<Void> finish(SqlClient db, long id, String state, String error, Instant sentAt, Instant nextAttempt) {
        return db.preparedQuery("""
                        UPDATE hotline_callback SET state = $2, last_error = $3, sent_at = $4,
                            next_attempt_at = coalesce($5, next_attempt_at), claimed_at = NULL
                        WHERE id = $1 AND state = 'SENDING'""")
                .execute(Tuple.from(Arrays.asList(id, state, error == null ? null : cut(error), at(sentAt),
                        at(nextAttempt))))
                .replaceWithVoid();
    }

    /**
     * Rows left SENDING past the lease belong to a sender that stopped mid-send: whether the platform got them is
     * unknown, so they are due again (at least once; the Idempotency-Key lets the platform drop the repeat).
     */
    public Uni<Integer> releaseLeases(SqlClient db, Instant claimedBefore) {
        return db.preparedQuery("""
                        UPDATE hotline_callback SET state = 'PENDING', claimed_at = NULL,
                            last_error = 'the sender stopped while sending; sent again'
                        WHERE state = 'SENDING' AND claimed_at < $1""")
                .execute(Tuple.of(at(claimedBefore))).map(rows -> rows.rowCount());
    }

    private static String cut(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
