package cn.gridgov.party.member;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.party.PartyOrgKind;
import cn.gridgov.party.org.PartyOrgRepository;
import cn.gridgov.region.RegionLevel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Dual registration (双报到): an in-service member registers with the community where they live; the community's
 * Party committee (admins of the community or above) approves, or refuses with a reason; a refusal may be appealed
 * once. Each decision tells the member through a subscribe message (the outbox, same transaction).
 */
@ApplicationScoped
public class RegistrationService {

    static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "REFUSED");

    private final Pool pool;
    private final RegistrationRepository registrations;
    private final PartyMemberService members;
    private final PartyOrgRepository orgs;
    private final RegistrationNotice notice;
    private final Clock clock;

    public RegistrationService(Pool pool, RegistrationRepository registrations, PartyMemberService members,
                               PartyOrgRepository orgs, RegistrationNotice notice, Clock clock) {
        this.pool = pool;
        this.registrations = registrations;
        this.members = members;
        this.orgs = orgs;
        this.notice = notice;
        this.clock = clock;
    }

    public Uni<MemberViews.RegistrationView> register(Actor actor, MemberRequests.NewRegistration body) {
        return members.mine(actor.userId()).chain(member -> {
            if (!member.inService()) {
                throw new Unprocessable("NOT_IN_SERVICE", "只有在职党员需要到居住地社区双报到",
                        "Only in-service members register with the community where they live");
            }
            return pool.withTransaction(tx -> place(tx, body)
                    .chain(() -> registrations.insert(tx, member.id(), body.communityId(), body.buildingId(), clock.instant()))
                    .chain(id -> registrations.find(tx, id, null)));
        }).map(found -> view(found.get()))
                .onFailure(PgException.class).transform(e -> isTwice((PgException) e) ? new Conflict("ALREADY_REGISTERED",
                        "您已向该社区报到过，不能重复报到（未通过的可申诉一次）",
                        "You registered with this community already") : e);
    }

    /** The community must be one with a Party committee, the building (if given) one of its buildings. */
    private Uni<Void> place(SqlClient tx, MemberRequests.NewRegistration body) {
        List<Long> ids = new ArrayList<>(List.of(body.communityId()));
        if (body.buildingId() != null) {
            ids.add(body.buildingId());
        }
        return orgs.nodes(tx, ids).chain(nodes -> {
            if (nodes.isEmpty() || nodes.get(0).id() != body.communityId() || nodes.get(0).level() != RegionLevel.COMMUNITY) {
                throw DomainException.badRequest("BAD_COMMUNITY", "communityId 应为社区：" + body.communityId(),
                        "communityId must be a community: " + body.communityId());
            }
            if (body.buildingId() != null && (nodes.size() < 2 || nodes.get(1).level() != RegionLevel.BUILDING
                    || !nodes.get(1).path().startsWith(nodes.get(0).path() + "."))) {
                throw DomainException.badRequest("BAD_BUILDING", "buildingId 应为该社区内的楼栋：" + body.buildingId(),
                        "buildingId must be a building of that community: " + body.buildingId());
            }
            return orgs.leaderOf(tx, body.communityId());
        }).map(committee -> {
            if (committee.isEmpty() || committee.get().view().kind() != PartyOrgKind.COMMUNITY_COMMITTEE) {
                throw new Unprocessable("NO_COMMUNITY_COMMITTEE", "该社区尚未设立社区党委，暂不能报到",
                        "This community has no Party committee yet");
            }
            return null;
        });
    }

    public Uni<List<MemberViews.RegistrationView>> mine(Actor actor) {
        return members.mine(actor.userId()).chain(m -> registrations.ofMember(pool, m.id()))
                .map(rows -> rows.stream().map(this::view).toList());
    }

    public Uni<CursorPage<MemberViews.RegistrationView>> list(Actor actor, Long communityId, String status, String cursor,
                                                          int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw DomainException.badRequest("BAD_STATUS", "status 只能是 PENDING、APPROVED 或 REFUSED：" + status,
                    "status must be PENDING, APPROVED or REFUSED: " + status);
        }
        Long after = CursorPage.after(cursor);
        return registrations.list(pool, actor.scopePath(), communityId, status, after == null ? 0 : after, limit + 1)
                .map(rows -> CursorPage.of(rows.stream().map(this::view).toList(), limit, MemberViews.RegistrationView::id));
    }

    public Uni<MemberViews.RegistrationView> get(Actor actor, long id) {
        return registrations.find(pool, id, actor.scopePath()).map(found -> view(found.orElseThrow(() -> notFound(id))));
    }

    public Uni<MemberViews.RegistrationView> approve(Actor actor, long id, int version) {
        return decide(actor, id, version, "APPROVED", null);
    }

    public Uni<MemberViews.RegistrationView> refuse(Actor actor, long id, int version, String reason) {
        return decide(actor, id, version, "REFUSED", reason.trim());
    }

    private Uni<MemberViews.RegistrationView> decide(Actor actor, long id, int version, String status, String reason) {
        return pool.withTransaction(tx -> registrations.findForUpdate(tx, id, actor.scopePath()).chain(found -> {
            RegistrationRow row = found.orElseThrow(() -> notFound(id));
            if (!"PENDING".equals(row.status())) {
                throw new Conflict("NOT_PENDING", "该报到已审核（" + row.status() + "），不能再次审核",
                        "The registration was decided already");
            }
            return registrations.decide(tx, id, version, status, reason, actor.userId(), clock.instant())
                    .chain(done -> {
                        if (!done) {
                            throw stale();
                        }
                        return registrations.find(tx, id, null);
                    })
                    .call(after -> notice.decided(tx, after.get(), clock.instant()));
        })).map(after -> view(after.get()));
    }

    public Uni<MemberViews.RegistrationView> appeal(Actor actor, long id, MemberRequests.RegistrationAppeal body) {
        return members.mine(actor.userId()).chain(member -> pool.withTransaction(tx -> registrations
                .findForUpdate(tx, id, null).chain(found -> {
                    RegistrationRow row = found.filter(g -> g.memberId() == member.id()).orElseThrow(() -> notFound(id));
                    if (!"REFUSED".equals(row.status())) {
                        throw new Conflict("NOT_REFUSED", "只有未通过的报到可以申诉", "Only a refused registration can be appealed");
                    }
                    if (row.appealedAt() != null) {
                        throw new Conflict("APPEAL_USED", "每次报到只能申诉一次，已申诉过", "A refusal can be appealed once only");
                    }
                    return registrations.appeal(tx, id, body.version(), body.reason().trim(), clock.instant());
                })
                .chain(done -> {
                    if (!done) {
                        throw stale();
                    }
                    return registrations.find(tx, id, null);
                }))).map(after -> view(after.get()));
    }

    private MemberViews.RegistrationView view(RegistrationRow row) {
        return MemberViews.RegistrationView.of(row, members.mask(row.phoneEnc()));
    }

    private static boolean isTwice(PgException e) {
        return "23505".equals(e.getSqlState()) && RegistrationRepository.ONCE.equals(e.getConstraint());
    }

    private static StaleVersion stale() {
        return new StaleVersion("报到信息已变化，请刷新后重试", "The registration changed since you read it");
    }

    static NotFound notFound(long id) {
        return new NotFound("REGISTRATION_NOT_FOUND", "报到记录不存在或无权访问：" + id, "Registration not found: " + id);
    }
}
