package cn.gridgov.volunteer.points;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.volunteer.VolunteerRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * THE way points move: appends one row to a volunteer's ledger inside the caller's transaction, after locking the
 * volunteer's row (so writers of one volunteer's points queue and each continues the last balance). The balance
 * after the row is computed in the INSERT and the row is written only when it stays at or above zero: a spend never
 * overdraws. Rows are never changed (the table's trigger refuses UPDATE and DELETE, and checks the running balance).
 */
@ApplicationScoped
public class PointsLedger {

    public static final String CREDIT = "CREDIT";
    public static final String SPEND = "SPEND";
    public static final String CORRECTION = "CORRECTION";

    private static final String COLUMNS = "id, kind, amount, balance_after, reason, claim_id, redemption_id, created_at";

    private final VolunteerRepository volunteers;

    public PointsLedger(VolunteerRepository volunteers) {
        this.volunteers = volunteers;
    }

    /**
     * Appends {@code amount} (negative for a spend) to the volunteer's ledger; empty when the balance would fall below
     * zero (nothing written).
     */
    public Uni<Optional<VolunteerLedgerEntry>> append(SqlClient tx, long volunteerId, String kind, int amount, String reason,
                                             Long claimId, Long redemptionId, Long actorUserId, Instant now) {
        return volunteers.lock(tx, volunteerId).chain(() -> tx.preparedQuery("""
                        INSERT INTO volunteer_points (volunteer_id, kind, amount, balance_after, reason, claim_id,
                            redemption_id, created_by, created_at)
                        SELECT $1, $2, $3, b.balance + $3, $4, $5, $6, $7, $8
                        FROM (SELECT coalesce((SELECT balance_after FROM volunteer_points WHERE volunteer_id = $1
                                               ORDER BY id DESC LIMIT 1), 0) AS balance) b
                        WHERE b.balance + $3 >= 0
                        RETURNING""" + " " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(volunteerId, kind, amount, reason, claimId, redemptionId, actorUserId,
                        now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(entry(rows.iterator().next()))));
    }

    /** The volunteer's balance now (the last row's balance, 0 with none). */
    public Uni<Integer> balance(SqlClient db, long volunteerId) {
        return db.preparedQuery("SELECT coalesce((SELECT balance_after FROM volunteer_points WHERE volunteer_id = $1 "
                        + "ORDER BY id DESC LIMIT 1), 0) AS balance").execute(Tuple.of(volunteerId))
                .map(rows -> rows.iterator().next().getInteger("balance"));
    }

    /** The volunteer's ledger, newest first. */
    public Uni<List<VolunteerLedgerEntry>> entries(SqlClient db, long volunteerId, long beforeId, int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM volunteer_points WHERE volunteer_id = $1 AND id < $2 "
                        + "ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(volunteerId, beforeId, limit)).map(rows -> {
                    List<VolunteerLedgerEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(entry(r)));
                    return out;
                });
    }

    private static VolunteerLedgerEntry entry(Row r) {
        return new VolunteerLedgerEntry(r.getLong("id"), r.getString("kind"), r.getInteger("amount"), r.getInteger("balance_after"),
                r.getString("reason"), r.getLong("claim_id"), r.getLong("redemption_id"),
                ApiTime.of(r.getOffsetDateTime("created_at").toInstant()));
    }
}
