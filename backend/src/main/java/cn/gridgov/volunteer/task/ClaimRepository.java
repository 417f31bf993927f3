package cn.gridgov.volunteer.task;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Claims of task places, native SQL; each step is a conditional UPDATE on the claim's status. */
@ApplicationScoped
public class ClaimRepository {

    public Uni<Optional<ClaimRow>> find(SqlClient db, long id) {
        return db.preparedQuery(ClaimRow.SELECT + " WHERE c.id = $1").execute(Tuple.of(id)).map(ClaimRepository::first);
    }

    /** The claim, locked until the transaction ends (confirmations of one claim queue here). */
    public Uni<Optional<ClaimRow>> findForUpdate(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT id FROM volunteer_claim WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(() -> find(tx, id));
    }

    /** The claims of a task, by id. */
    public Uni<List<ClaimRow>> ofTask(SqlClient db, long taskId, long afterId, int limit) {
        return db.preparedQuery(ClaimRow.SELECT + " WHERE c.task_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3")
                .execute(Tuple.of(taskId, afterId, limit)).map(ClaimRepository::all);
    }

    /** A volunteer's claims, newest first. */
    public Uni<List<ClaimRow>> ofVolunteer(SqlClient db, long volunteerId, long beforeId, int limit) {
        return db.preparedQuery(ClaimRow.SELECT + " WHERE c.volunteer_id = $1 AND c.id < $2 ORDER BY c.id DESC LIMIT $3")
                .execute(Tuple.of(volunteerId, beforeId, limit)).map(ClaimRepository::all);
    }

    /** The claims a unit's contact made for their units, newest first. */
    public Uni<List<ClaimRow>> ofClaimant(SqlClient db, long userId, long beforeId, int limit) {
        return db.preparedQuery(ClaimRow.SELECT + " WHERE c.claimant_user_id = $1 AND c.id < $2 ORDER BY c.id DESC LIMIT $3")
                .execute(Tuple.of(userId, beforeId, limit)).map(ClaimRepository::all);
    }

    /** Records the completion report on a CLAIMED claim (the caller holds its lock); answers whether it did. */
    public Uni<Boolean> report(SqlClient tx, long id, String note, Instant now) {
        return tx.preparedQuery("""
                        UPDATE volunteer_claim SET status = 'REPORTED', report_note = $2, reported_at = $3
                        WHERE id = $1 AND status = 'CLAIMED'""")
                .execute(Tuple.from(Arrays.asList(id, note, now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Confirms a REPORTED claim; answers whether this call did (a second confirmation changes nothing). */
    public Uni<Boolean> confirm(SqlClient tx, long id, long confirmedBy, Instant now) {
        return tx.preparedQuery("""
                        UPDATE volunteer_claim SET status = 'CONFIRMED', confirmed_by = $2, confirmed_at = $3
                        WHERE id = $1 AND status = 'REPORTED'""")
                .execute(Tuple.of(id, confirmedBy, now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount() == 1);
    }

    /** A claim a cancellation ended: whom to tell. */
    record Cancelled(long id, long userId) {
    }

    /** Cancels the live claims (CLAIMED, REPORTED) of a cancelled task; answers them. */
    public Uni<List<Cancelled>> cancelOfTask(SqlClient tx, long taskId) {
        return tx.preparedQuery("""
                        UPDATE volunteer_claim c SET status = 'CANCELLED'
                        WHERE c.task_id = $1 AND c.status IN ('CLAIMED', 'REPORTED')
                        RETURNING c.id, coalesce((SELECT v.user_id FROM volunteer v WHERE v.id = c.volunteer_id),
                                                 c.claimant_user_id) AS user_id""")
                .execute(Tuple.of(taskId)).map(rows -> {
                    List<Cancelled> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Cancelled(r.getLong("id"), r.getLong("user_id"))));
                    return out;
                });
    }

    private static Optional<ClaimRow> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(ClaimRow.from(rows.iterator().next()));
    }

    private static List<ClaimRow> all(RowSet<Row> rows) {
        List<ClaimRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(ClaimRow.from(r)));
        return out;
    }
}
