package cn.gridgov.party.member;

import cn.gridgov.region.RegionSql;
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

/** Dual registrations (双报到), native SQL; reads for staff filter by the community's node within their scope. */
@ApplicationScoped
public class RegistrationRepository {

    /** One registration per member and community. */
    public static final String ONCE = "party_registration_once";

    private static final String SELECT = "SELECT g.id, g.member_id, m.name AS member_name, m.phone_enc, g.community_id, "
            + "gc.name AS community_name, g.building_id, g.status, g.refusal_reason, g.appeal_reason, g.appealed_at, "
            + "g.decided_at, g.version, g.created_at, m.user_id AS member_user_id, " + RegionSql.pathText("gc")
            + " AS community_path FROM party_registration g JOIN party_member m ON m.id = g.member_id"
            + RegionSql.joinNode("gc", "g.community_id");

    public Uni<Long> insert(SqlClient tx, long memberId, long communityId, Long buildingId, Instant now) {
        return tx.preparedQuery("INSERT INTO party_registration (member_id, community_id, building_id, created_at) "
                        + "VALUES ($1, $2, $3, $4) RETURNING id")
                .execute(Tuple.from(Arrays.asList(memberId, communityId, buildingId, now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The registration if its community lies within {@code scope} (any when null). */
    public Uni<Optional<RegistrationRow>> find(SqlClient db, long id, String scope) {
        return db.preparedQuery(SELECT + " WHERE g.id = $1 AND ($2::text IS NULL OR " + RegionSql.within("gc", "$2") + ")")
                .execute(Tuple.of(id, scope)).map(RegistrationRepository::first);
    }

    public Uni<Optional<RegistrationRow>> findForUpdate(SqlClient tx, long id, String scope) {
        return tx.preparedQuery("SELECT id FROM party_registration WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(() -> find(tx, id, scope));
    }

    public Uni<List<RegistrationRow>> ofMember(SqlClient db, long memberId) {
        return db.preparedQuery(SELECT + " WHERE g.member_id = $1 ORDER BY g.id").execute(Tuple.of(memberId))
                .map(RegistrationRepository::all);
    }

    /** Registrations with communities within {@code scope} (under {@code communityId} if given), by id. */
    public Uni<List<RegistrationRow>> list(SqlClient db, String scope, Long communityId, String status, long afterId,
                                           int limit) {
        return db.preparedQuery(SELECT + " WHERE " + RegionSql.within("gc", "$1")
                        + " AND ($2::bigint IS NULL OR g.community_id = $2) AND ($3::text IS NULL OR g.status = $3)"
                        + " AND g.id > $4 ORDER BY g.id LIMIT $5")
                .execute(Tuple.from(Arrays.asList(scope, communityId, status, afterId, limit)))
                .map(RegistrationRepository::all);
    }

    /** Records a decision if the version still matches; answers whether it did. */
    public Uni<Boolean> decide(SqlClient tx, long id, int version, String status, String reason, long decidedBy,
                               Instant now) {
        return tx.preparedQuery("""
                        UPDATE party_registration SET status = $3, refusal_reason = $4, decided_by = $5, decided_at = $6,
                               version = version + 1
                        WHERE id = $1 AND version = $2 AND status = 'PENDING'""")
                .execute(Tuple.from(Arrays.asList(id, version, status, reason, decidedBy, now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Appeals a refusal (once): back to PENDING with the member's reason, if the version still matches. */
    public Uni<Boolean> appeal(SqlClient tx, long id, int version, String reason, Instant now) {
        return tx.preparedQuery("""
                        UPDATE party_registration SET status = 'PENDING', appeal_reason = $3, appealed_at = $4,
                               version = version + 1
                        WHERE id = $1 AND version = $2 AND status = 'REFUSED' AND appealed_at IS NULL""")
                .execute(Tuple.from(Arrays.asList(id, version, reason, now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Optional<RegistrationRow> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(RegistrationRow.from(rows.iterator().next()));
    }

    private static List<RegistrationRow> all(RowSet<Row> rows) {
        List<RegistrationRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(RegistrationRow.from(r)));
        return out;
    }
}
