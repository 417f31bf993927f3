package cn.gridgov.notify.outbox;

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

/** The notification outbox: rows written with a state change, claimed by one sender, and their outcomes. */
@ApplicationScoped
public class OutboxRepository {

    /** A row to write. */
    public record NewRow(String eventType, long incidentId, long flowId, long recipientId, String templateId,
                         JsonObject payload) {
    }

    /** Writes {@code rows} in the caller's transaction; a row for a flow row and recipient already queued is ignored. */
    public Uni<Void> insert(SqlClient tx, List<NewRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (NewRow r : rows) {
            batch.add(Tuple.from(Arrays.asList(r.eventType(), r.incidentId(), r.flowId(), r.recipientId(),
                    r.templateId(), r.payload(), odt(now))));
        }
        return tx.preparedQuery("""
                        INSERT INTO notify_outbox (event_type, incident_id, flow_id, recipient_id, template_id, payload,
                            next_attempt_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (flow_id, recipient_id) DO NOTHING""")
                .executeBatch(batch).replaceWithVoid();
    }

    /**
     * Writes one message about a subject other than an incident ({@code party_registration:12:1}), in the caller's
     * transaction; a second row for the same subject and recipient is ignored.
     */
    public Uni<Void> insertAbout(SqlClient tx, String eventType, String subject, long recipientId, String templateId,
                                 JsonObject payload, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO notify_outbox (event_type, subject, recipient_id, template_id, payload, next_attempt_at)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (subject, recipient_id) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(eventType, subject, recipientId, templateId, payload, odt(now))))
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due rows in one statement (its own transaction): rows another sender holds
     * are skipped, the claimed ones are marked SENDING before anything is sent. The rows come without the
     * recipient's openid: identity's {@code UserRepository} owns it.
     */
    public Uni<List<OutboxRow>> claim(SqlClient db, Instant now, int limit) {
        return db.preparedQuery("""
                        WITH due AS (
                            SELECT id FROM notify_outbox WHERE state = 'PENDING' AND next_attempt_at <= $1
                            ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED),
                        claimed AS (
                            UPDATE notify_outbox o SET state = 'SENDING', attempts = o.attempts + 1, claimed_at = $1
                            FROM due WHERE o.id = due.id
                            RETURNING o.id, o.recipient_id, o.template_id, o.payload, o.attempts)
                        SELECT * FROM claimed ORDER BY id""")
                .execute(Tuple.of(odt(now), limit))
                .map(rows -> {
                    List<OutboxRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new OutboxRow(r.getLong("id"), r.getLong("recipient_id"), null,
                                r.getString("template_id"), (JsonObject) r.getValue("payload"),
                                r.getInteger("attempts")));
                    }
                    return out;
                });
    }

    /** Records the outcome of a claimed row (only while it is still this sender's claim). */
    public Uni<Void> finish(SqlClient db, long id, String state, String error, Instant sentAt, Instant nextAttempt) {
        return db.preparedQuery("""
                        UPDATE notify_outbox SET state = $2, last_error = $3, sent_at = $4,
                            next_attempt_at = COALESCE($5, next_attempt_at), claimed_at = NULL
                        WHERE id = $1 AND state = 'SENDING'""")
                .execute(Tuple.from(Arrays.asList(id, state, error == null ? null : cut(error), odt(sentAt),
                        odt(nextAttempt))))
                .replaceWithVoid();
    }

    /**
     * Rows left SENDING past the lease belong to a sender that stopped mid-send: whether WeChat got them is
     * unknown, so they are recorded as FAILED rather than sent again. Answers how many.
     */
    public Uni<Integer> expireLeases(SqlClient db, Instant claimedBefore) {
        return db.preparedQuery("""
                        UPDATE notify_outbox SET state = 'FAILED', claimed_at = NULL,
                            last_error = 'outcome unknown: the sender stopped while sending; not sent again'
                        WHERE state = 'SENDING' AND claimed_at < $1""")
                .execute(Tuple.of(odt(claimedBefore))).map(rows -> rows.rowCount());
    }

    private static String cut(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
