package cn.gridgov.party.cobuild;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Resource sharing (资源共享): a community's admins request a unit's resource, or the unit's contact (or the community
 * on its behalf) offers one; the other side accepts or declines; the use is recorded with its date and outcome. Only
 * between a unit and a community with an agreement in force; the steps are those of {@link ShareFlow}.
 */
@ApplicationScoped
public class ShareService {

    private final Pool pool;
    private final ShareRepository shares;
    private final UnitRepository units;
    private final AgreementRepository agreements;
    private final UnitService unitService;
    private final ShareNotice notice;
    private final Clock clock;

    public ShareService(Pool pool, ShareRepository shares, UnitRepository units, AgreementRepository agreements,
                        UnitService unitService, ShareNotice notice, Clock clock) {
        this.pool = pool;
        this.shares = shares;
        this.units = units;
        this.agreements = agreements;
        this.unitService = unitService;
        this.notice = notice;
        this.clock = clock;
    }

    public Uni<CobuildViews.CobuildShareView> create(Actor actor, CobuildRequests.CobuildNewShare body) {
        CobuildDates.check("wantedOn", body.wantedOn());
        long resourceId = body.resourceId();
        return pool.withTransaction(tx -> units.findResource(tx, resourceId).chain(found -> {
            CobuildViews.CobuildResourceView resource = found.orElseThrow(() -> ResourceService.notFound(resourceId));
            return units.findForUpdate(tx, resource.unitId(), null).chain(unit -> agreements
                    .between(tx, resource.unitId(), body.communityId()).chain(agreement -> {
                        boolean contact = unit.get().contactUserId() != null && unit.get().contactUserId() == actor.userId();
                        if (agreement.isEmpty()) {
                            return units.find(tx, resource.unitId(), actor.scopePath()).chain(seen -> Uni.createFrom()
                                    .<Long>failure(contact || (isAdmin(actor) && seen.isPresent()) ? noAgreement()
                                            : ResourceService.notFound(resourceId)));
                        }
                        Set<ShareFlow.Side> sides = sides(actor, agreement.get().communityPath(), unit.get().contactUserId());
                        if (sides.isEmpty()) {
                            throw ResourceService.notFound(resourceId);
                        }
                        if (!sides.contains(ShareFlow.initiator(body.kind()))) {
                            throw new NotAllowed("SHARE_SIDE_FORBIDDEN", "共建单位联系人只能提供资源，申请由社区发起",
                                    "A unit's contact may offer resources; requests come from the community");
                        }
                        AgreementTerm term = unitService.term();
                        AgreementRow a = agreement.get();
                        if (!term.inForce(a.status(), a.signedOn(), a.validUntil())) {
                            throw noAgreement();
                        }
                        if (!resource.active()) {
                            throw new Conflict("RESOURCE_INACTIVE", "该资源已停止提供", "The resource is no longer offered");
                        }
                        return shares.insert(tx, resourceId, resource.unitId(), body.communityId(), body.kind(),
                                body.purpose().trim(), body.wantedOn(), actor.userId(), clock.instant());
                    }))
                    .chain(id -> shares.find(tx, id, actor.scopePath(), actor.userId()).map(s -> view(s.get(), actor)));
        }));
    }

    public Uni<CobuildViews.CobuildShareView> get(Actor actor, long id) {
        return shares.find(pool, id, actor.scopePath(), actor.userId()).map(s -> view(s.orElseThrow(() -> notFound(id)), actor));
    }

    /** Shares of communities in the caller's scope, and of the units the caller is the contact of. */
    public Uni<CursorPage<CobuildViews.CobuildShareView>> list(Actor actor, Long communityId, Long unitId, String status,
                                                               String cursor, int limit) {
        if (status != null && !ShareFlow.STATUS_NAMES.containsKey(status)) {
            throw DomainException.badRequest("BAD_STATUS", "status 只能是 PENDING、ACCEPTED、DECLINED、CANCELLED 或 USED：" + status,
                    "status must be PENDING, ACCEPTED, DECLINED, CANCELLED or USED: " + status);
        }
        Long after = CursorPage.after(cursor);
        return shares.list(pool, actor.scopePath(), actor.userId(), communityId, unitId, status, after == null ? 0 : after,
                        limit + 1)
                .map(rows -> CursorPage.of(rows.stream().map(s -> view(s, actor)).toList(), limit,
                        CobuildViews.CobuildShareView::id));
    }

    /** Accepts, declines or cancels a pending share, as {@link ShareFlow} allows the caller's side. */
    public Uni<CobuildViews.CobuildShareView> decide(Actor actor, long id, ShareFlow.Action action,
                                                     CobuildRequests.CobuildShareStep body) {
        return step(actor, id, (tx, row, now) -> {
            String to = ShareFlow.check(action, row.kind(), row.status(), sides(actor, row), body.reason());
            String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().trim();
            return shares.decide(tx, id, body.version(), to, action == ShareFlow.Action.ACCEPT ? null : reason,
                    actor.userId(), now);
        }, action != ShareFlow.Action.CANCEL);
    }

    /** Records the use of an accepted share with its date and outcome. */
    public Uni<CobuildViews.CobuildShareView> recordUse(Actor actor, long id, CobuildRequests.CobuildShareUse body) {
        CobuildDates.check("usedOn", body.usedOn());
        return step(actor, id, (tx, row, now) -> {
            ShareFlow.check(ShareFlow.Action.RECORD_USE, row.kind(), row.status(), sides(actor, row), null);
            return shares.recordUse(tx, id, body.version(), body.usedOn(), body.outcome().trim(), actor.userId(), now);
        }, false);
    }

    private interface Change {
        Uni<Boolean> apply(SqlClient tx, ShareRow row, Instant now);
    }

    private Uni<CobuildViews.CobuildShareView> step(Actor actor, long id, Change change, boolean tell) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> shares.findForUpdate(tx, id, actor.scopePath(), actor.userId())
                .chain(found -> change.apply(tx, found.orElseThrow(() -> notFound(id)), now))
                .chain(done -> {
                    if (!done) {
                        throw UnitService.stale("资源共享");
                    }
                    return shares.find(tx, id, actor.scopePath(), actor.userId()).map(s -> s.get());
                })
                .call(after -> tell ? notice.decided(tx, after, actor.userId(), now) : Uni.createFrom().voidItem()))
                .map(after -> view(after, actor));
    }

    /**
     * The sides the caller acts for on a share of the community at {@code communityPath}: an admin whose scope contains
     * it acts for the community and on the unit's behalf; the unit's contact for the unit.
     */
    static Set<ShareFlow.Side> sides(Actor actor, String communityPath, Long contactUserId) {
        Set<ShareFlow.Side> sides = EnumSet.noneOf(ShareFlow.Side.class);
        if (isAdmin(actor) && Actor.within(communityPath, actor.scopePath())) {
            sides.add(ShareFlow.Side.COMMUNITY);
            sides.add(ShareFlow.Side.UNIT);
        }
        if (contactUserId != null && contactUserId == actor.userId()) {
            sides.add(ShareFlow.Side.UNIT);
        }
        return sides;
    }

    private static Set<ShareFlow.Side> sides(Actor actor, ShareRow row) {
        return sides(actor, row.communityPath(), row.contactUserId());
    }

    private static boolean isAdmin(Actor actor) {
        return actor.isStaff() && actor.roles().stream().anyMatch(Role.ADMINS::contains);
    }

    private static CobuildViews.CobuildShareView view(ShareRow s, Actor actor) {
        return new CobuildViews.CobuildShareView(s.id(), s.kind(), s.status(), s.resourceId(), s.resourceName(),
                s.resourceKind(), s.unitId(), s.unitName(), s.communityId(), s.communityName(), s.purpose(), s.wantedOn(),
                s.declineReason(), s.usedOn(), s.outcome(), s.decidedAt(), s.recordedAt(),
                ShareFlow.allowed(s.kind(), s.status(), sides(actor, s)), s.version(), s.createdAt());
    }

    private static Conflict noAgreement() {
        return new Conflict("NO_AGREEMENT_IN_FORCE", "该单位与该社区没有有效的共建协议（未签约、已过期或已终止）",
                "The unit has no agreement in force with this community");
    }

    static NotFound notFound(long id) {
        return new NotFound("COBUILD_SHARE_NOT_FOUND", "资源共享记录不存在或无权访问：" + id, "Resource share not found: " + id);
    }
}
