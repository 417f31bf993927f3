package cn.gridgov.party.cobuild;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static cn.gridgov.party.cobuild.UnitRepository.odt;

/**
 * Resource shares, native SQL. A share is seen by staff whose scope contains its community and by its unit's contact
 * ({@link #SEEN}, written once).
 */
@ApplicationScoped
public class ShareRepository {

    /** SQL: the share is seen by the scope given as ltree text {@code $n} or by the user {@code $n+1} as the unit's contact. */
    static String seen(int n) {
        return "(($" + n + "::text IS NOT NULL AND " + RegionSql.within("sc", "$" + n) + ") OR u.contact_user_id = $"
                + (n + 1) + ")";
    }

    static final String SEEN = seen(2);

    public Uni<Long> insert(SqlClient tx, long resourceId, long unitId, long communityId, ShareKind kind, String purpose,
                            LocalDate wantedOn, long initiatedBy, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO cobuild_share (resource_id, unit_id, community_id, kind, purpose, wanted_on,
                            initiated_by, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(resourceId, unitId, communityId, kind.name(), purpose, wantedOn,
                        initiatedBy, odt(now))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The share if {@code scope} or the contact {@code userId} sees it. */
    public Uni<Optional<ShareRow>> find(SqlClient db, long id, String scope, long userId) {
        return db.preparedQuery(ShareRow.SELECT + " WHERE s.id = $1 AND " + SEEN).execute(Tuple.of(id, scope, userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ShareRow.from(rows.iterator().next())));
    }

    public Uni<Optional<ShareRow>> findForUpdate(SqlClient tx, long id, String scope, long userId) {
        return tx.preparedQuery("SELECT id FROM cobuild_share WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(() -> find(tx, id, scope, userId));
    }

    /** Shares seen by {@code scope} or the contact {@code userId}, filtered, by id. */
    public Uni<List<ShareRow>> list(SqlClient db, String scope, long userId, Long communityId, Long unitId, String status,
                                    long afterId, int limit) {
        return db.preparedQuery(ShareRow.SELECT + " WHERE " + SEEN + " AND ($1::bigint IS NULL OR s.community_id = $1)"
                        + " AND ($4::bigint IS NULL OR s.unit_id = $4) AND ($5::text IS NULL OR s.status = $5)"
                        + " AND s.id > $6 ORDER BY s.id LIMIT $7")
                .execute(Tuple.from(Arrays.asList(communityId, scope, userId, unitId, status, afterId, limit)))
                .map(rows -> {
                    List<ShareRow> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(ShareRow.from(r)));
                    return out;
                });
    }

    /** Answers (accepts or declines) or cancels a pending share if the version still matches; answers whether it did. */
    public Uni<Boolean> decide(SqlClient tx, long id, int version, String status, String reason, long by, Instant now) {
        return tx.preparedQuery("""
                        UPDATE cobuild_share SET status = $3, decline_reason = $4, decided_by = $5, decided_at = $6,
                               version = version + 1, updated_at = $6
                        WHERE id = $1 AND version = $2 AND status = 'PENDING'""")
                .execute(Tuple.from(Arrays.asList(id, version, status, reason, by, odt(now))))
                .map(ShareRepository::one);
    }

    /** Records the use of an accepted share if the version still matches; answers whether it did. */
    public Uni<Boolean> recordUse(SqlClient tx, long id, int version, LocalDate usedOn, String outcome, long by,
                                  Instant now) {
        return tx.preparedQuery("""
                        UPDATE cobuild_share SET status = 'USED', used_on = $3, outcome = $4, recorded_by = $5,
                               recorded_at = $6, version = version + 1, updated_at = $6
                        WHERE id = $1 AND version = $2 AND status = 'ACCEPTED'""")
                .execute(Tuple.from(Arrays.asList(id, version, usedOn, outcome, by, odt(now))))
                .map(ShareRepository::one);
    }

    private static boolean one(RowSet<Row> rows) {
        return rows.rowCount() == 1;
    }
}
