package cn.gridgov.party.cobuild;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Co-building agreements as a community's list (共建单位名录) with their term: expiring soon (from the application
 * clock's date, {@link AgreementTerm}) or expired. Seen and changed by staff whose scope contains the community;
 * another community's admins find nothing (404).
 */
@ApplicationScoped
public class AgreementService {

    private final Pool pool;
    private final AgreementRepository agreements;
    private final UnitService units;
    private final Clock clock;

    public AgreementService(Pool pool, AgreementRepository agreements, UnitService units, Clock clock) {
        this.pool = pool;
        this.agreements = agreements;
        this.units = units;
        this.clock = clock;
    }

    public Uni<CursorPage<CobuildViews.CobuildAgreementView>> list(Actor actor, Long communityId, UnitKind kind,
                                                                   boolean expiringSoon, String cursor, int limit) {
        Long after = CursorPage.after(cursor);
        AgreementTerm term = units.term();
        return agreements.list(pool, actor.scopePath(), communityId, kind, expiringSoon ? term.soonFrom() : null,
                        term.soonUntil(), after == null ? 0 : after, limit + 1)
                .map(rows -> CursorPage.of(rows.stream().map(a -> units.agreementView(a, term)).toList(), limit,
                        CobuildViews.CobuildAgreementView::id));
    }

    public Uni<CobuildViews.CobuildAgreementView> get(Actor actor, long id) {
        return agreements.find(pool, id, actor.scopePath())
                .map(found -> units.agreementView(found.orElseThrow(() -> notFound(id)), units.term()));
    }

    /** Renews or corrects an agreement of a community in scope, on the version the admin read. */
    public Uni<CobuildViews.CobuildAgreementView> update(Actor actor, long id, CobuildRequests.CobuildAgreementUpdate body) {
        UnitService.checkDates(body.signedOn(), body.validUntil());
        return pool.withTransaction(tx -> agreements.findForUpdate(tx, id, actor.scopePath()).chain(found -> {
            found.orElseThrow(() -> notFound(id));
            return agreements.update(tx, id, body, clock.instant()).chain(done -> after(tx, id, done));
        }));
    }

    /** Ends an agreement in force before its term, with the reason. */
    public Uni<CobuildViews.CobuildAgreementView> end(Actor actor, long id, CobuildRequests.CobuildAgreementEnd body) {
        return pool.withTransaction(tx -> agreements.findForUpdate(tx, id, actor.scopePath()).chain(found -> {
            AgreementRow row = found.orElseThrow(() -> notFound(id));
            if (!"ACTIVE".equals(row.status())) {
                throw new Conflict("AGREEMENT_ENDED", "该共建协议已终止", "The agreement has ended already");
            }
            return agreements.end(tx, id, body.version(), body.reason().trim(), clock.instant())
                    .chain(done -> after(tx, id, done));
        }));
    }

    private Uni<CobuildViews.CobuildAgreementView> after(SqlClient tx, long id, boolean done) {
        if (!done) {
            throw UnitService.stale("共建协议");
        }
        return agreements.find(tx, id, null).map(row -> units.agreementView(row.get(), units.term()));
    }

    static NotFound notFound(long id) {
        return new NotFound("COBUILD_AGREEMENT_NOT_FOUND", "共建协议不存在或无权访问：" + id,
                "Co-building agreement not found: " + id);
    }
}
