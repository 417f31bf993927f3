package cn.gridgov.volunteer.points;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.party.member.PartyMemberService;
import cn.gridgov.party.org.PartyOrgService;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.volunteer.VolunteerNotice;
import cn.gridgov.volunteer.VolunteerRow;
import cn.gridgov.volunteer.VolunteerService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Volunteers' points: their ledgers (own, or in scope for staff), corrections by admins, and leaderboards. */
@ApplicationScoped
public class PointsService {

    private final Pool pool;
    private final PointsLedger ledger;
    private final LeaderboardRepository leaderboards;
    private final VolunteerService volunteers;
    private final RegionRepository regions;
    private final PartyOrgService orgs;
    private final PartyMemberService partyMembers;
    private final VolunteerNotice notice;
    private final Clock clock;

    public PointsService(Pool pool, PointsLedger ledger, LeaderboardRepository leaderboards, VolunteerService volunteers,
                         RegionRepository regions, PartyOrgService orgs, PartyMemberService partyMembers,
                         VolunteerNotice notice, Clock clock) {
        this.pool = pool;
        this.ledger = ledger;
        this.leaderboards = leaderboards;
        this.volunteers = volunteers;
        this.regions = regions;
        this.orgs = orgs;
        this.partyMembers = partyMembers;
        this.notice = notice;
        this.clock = clock;
    }

    public Uni<PointsViews.VolunteerPointsView> mine(long userId, String cursor, int limit) {
        return volunteers.mine(userId).chain(v -> page(v, cursor, limit));
    }

    public Uni<PointsViews.VolunteerPointsView> ofVolunteer(Actor actor, long volunteerId, String cursor, int limit) {
        return volunteers.visible(actor, volunteerId).chain(v -> page(v, cursor, limit));
    }

    private Uni<PointsViews.VolunteerPointsView> page(VolunteerRow v, String cursor, int limit) {
        Long before = CursorPage.after(cursor);
        return ledger.entries(pool, v.id(), before == null ? Long.MAX_VALUE : before, limit + 1).map(rows -> {
            CursorPage<VolunteerLedgerEntry> page = CursorPage.of(rows, limit, VolunteerLedgerEntry::id);
            return new PointsViews.VolunteerPointsView(v.id(), v.balance(), v.earned(), page.items(), page.nextCursor());
        });
    }

    /** An admin corrects a volunteer's points in scope; a correction may not take the balance below zero. */
    public Uni<VolunteerLedgerEntry> correct(Actor actor, long volunteerId, PointsRequests.VolunteerPointsCorrection body) {
        if (body.amount() == 0) {
            throw DomainException.badRequest("ZERO_CORRECTION", "更正的积分不能为 0", "A correction cannot be zero");
        }
        String reason = body.reason().trim();
        return volunteers.visible(actor, volunteerId).chain(v -> pool.withTransaction(tx -> {
            Instant now = clock.instant();
            return ledger.append(tx, v.id(), PointsLedger.CORRECTION, body.amount(), reason, null, null, actor.userId(), now)
                    .call(entry -> entry.isEmpty() ? Uni.createFrom().failure(insufficient())
                            : notice.credited(tx, entry.get().id(), entry.get().amount(), entry.get().balanceAfter(),
                            reason, v.userId(), now));
        })).map(entry -> entry.get());
    }

    /** The top volunteers of a community (staff in scope, or its own volunteers) or of a Party organisation. */
    public Uni<PointsViews.VolunteerLeaderboard> leaderboard(Actor actor, Long communityId, Long orgId, int limit) {
        if ((communityId == null) == (orgId == null)) {
            throw DomainException.badRequest("LEADERBOARD_TARGET", "请指定 communityId 或 orgId 其中之一",
                    "Give exactly one of communityId and orgId");
        }
        if (communityId != null) {
            Uni<Void> allowed = actor.isStaff()
                    ? regions.findWithin(communityId, actor.scopePath()).map(c -> {
                        if (c == null || c.level() != RegionLevel.COMMUNITY) {
                            throw communityNotFound(communityId);
                        }
                        return null;
                    })
                    : volunteers.mine(actor.userId()).map(v -> {
                        if (v.communityId() != communityId) {
                            throw communityNotFound(communityId);
                        }
                        return null;
                    });
            return allowed.chain(() -> leaderboards.topOfCommunity(pool, communityId, limit))
                    .map(items -> new PointsViews.VolunteerLeaderboard(communityId, null, items));
        }
        Uni<Void> allowed = actor.isStaff() ? (actor.scopePath() == null ? Uni.createFrom().failure(orgNotFound(orgId))
                : orgs.visible(pool, orgId, actor.scopePath()).replaceWithVoid())
                : partyMembers.mineView(actor.userId()).map(m -> {
                    if (m.orgId() != orgId) {
                        throw orgNotFound(orgId);
                    }
                    return null;
                });
        return allowed.chain(() -> leaderboards.topOfPartyOrg(pool, orgId, limit))
                .map(items -> new PointsViews.VolunteerLeaderboard(null, orgId, items));
    }

    static Conflict insufficient() {
        return new Conflict("INSUFFICIENT_POINTS", "积分余额不足", "Not enough points");
    }

    private static NotFound communityNotFound(long id) {
        return new NotFound("COMMUNITY_NOT_FOUND", "社区不存在或无权访问：" + id, "Community not found: " + id);
    }

    private static NotFound orgNotFound(long id) {
        return new NotFound("PARTY_ORG_NOT_FOUND", "党组织不存在或无权访问：" + id, "Party organisation not found: " + id);
    }
}
