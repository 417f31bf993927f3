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

/** Co-building agreements (unit × community), native SQL; staff reads filter by the community's node within their scope. */
@ApplicationScoped
public class AgreementRepository {

    /** One agreement per unit and community. */
    public static final String ONCE = "cobuild_agreement_once";
    /** An agreement ends on or after the day it was signed. */
    public static final String DATES = "cobuild_agreement_dates";

    public Uni<Long> insert(SqlClient tx, long unitId, CobuildRequests.CobuildAgreementInput in, long createdBy,
                            Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO cobuild_agreement (unit_id, community_id, signed_on, valid_until, community_duties,
                            unit_duties, created_by, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(unitId, in.communityId(), in.signedOn(), in.validUntil(),
                        in.communityDuties().trim(), in.unitDuties().trim(), createdBy, odt(now))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The agreement if its community lies within {@code scope} (any when null). */
    public Uni<Optional<AgreementRow>> find(SqlClient db, long id, String scope) {
        return db.preparedQuery(AgreementRow.SELECT + " WHERE a.id = $1 AND ($2::text IS NULL OR "
                        + RegionSql.within("ac", "$2") + ")")
                .execute(Tuple.of(id, scope)).map(AgreementRepository::first);
    }

    public Uni<Optional<AgreementRow>> findForUpdate(SqlClient tx, long id, String scope) {
        return tx.preparedQuery("SELECT id FROM cobuild_agreement WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(() -> find(tx, id, scope));
    }

    /** The agreement of a unit with a community, whatever the caller's scope (the service has checked it). */
    public Uni<Optional<AgreementRow>> between(SqlClient db, long unitId, long communityId) {
        return db.preparedQuery(AgreementRow.SELECT + " WHERE a.unit_id = $1 AND a.community_id = $2")
                .execute(Tuple.of(unitId, communityId)).map(AgreementRepository::first);
    }

    /** A unit's agreements with communities within {@code scope} (all when null), by id. */
    public Uni<List<AgreementRow>> ofUnit(SqlClient db, long unitId, String scope) {
        return db.preparedQuery(AgreementRow.SELECT + " WHERE a.unit_id = $1 AND ($2::text IS NULL OR "
                        + RegionSql.within("ac", "$2") + ") ORDER BY a.id")
                .execute(Tuple.of(unitId, scope)).map(AgreementRepository::all);
    }

    /**
     * The agreements of communities within {@code scope} (the community {@code communityId} if given), of units of
     * {@code kind} if given, and, when {@code soonFrom} is given, only those in force whose last day lies between it
     * and {@code soonUntil}; by id.
     */
    public Uni<List<AgreementRow>> list(SqlClient db, String scope, Long communityId, UnitKind kind, LocalDate soonFrom,
                                        LocalDate soonUntil, long afterId, int limit) {
        return db.preparedQuery(AgreementRow.SELECT + " WHERE " + RegionSql.within("ac", "$1")
                        + " AND ($2::bigint IS NULL OR a.community_id = $2) AND ($3::text IS NULL OR u.kind = $3)"
                        + " AND ($4::date IS NULL OR (a.status = 'ACTIVE' AND a.valid_until BETWEEN $4 AND $5))"
                        + " AND a.id > $6 ORDER BY a.id LIMIT $7")
                .execute(Tuple.from(Arrays.asList(scope, communityId, kind == null ? null : kind.name(), soonFrom,
                        soonUntil, afterId, limit)))
                .map(AgreementRepository::all);
    }

    /** Renews or corrects an agreement if the version still matches; answers whether it did. */
    public Uni<Boolean> update(SqlClient tx, long id, CobuildRequests.CobuildAgreementUpdate in, Instant now) {
        return tx.preparedQuery("""
                        UPDATE cobuild_agreement SET signed_on = $3, valid_until = $4, community_duties = $5,
                               unit_duties = $6, version = version + 1, updated_at = $7
                        WHERE id = $1 AND version = $2""")
                .execute(Tuple.from(Arrays.asList(id, in.version(), in.signedOn(), in.validUntil(),
                        in.communityDuties().trim(), in.unitDuties().trim(), odt(now))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Ends an agreement in force before its term if the version still matches; answers whether it did. */
    public Uni<Boolean> end(SqlClient tx, long id, int version, String reason, Instant now) {
        return tx.preparedQuery("""
                        UPDATE cobuild_agreement SET status = 'ENDED', end_reason = $3, version = version + 1, updated_at = $4
                        WHERE id = $1 AND version = $2 AND status = 'ACTIVE'""")
                .execute(Tuple.from(Arrays.asList(id, version, reason, odt(now))))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Optional<AgreementRow> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(AgreementRow.from(rows.iterator().next()));
    }

    private static List<AgreementRow> all(RowSet<Row> rows) {
        List<AgreementRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(AgreementRow.from(r)));
        return out;
    }
}
