package cn.gridgov.volunteer.points;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.volunteer.VolunteerService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Rewards a community lists with their stock, and redeeming them: one transaction takes one from stock (a
 * conditional UPDATE, never below zero) and spends the points on the ledger (never overdrawn); when either fails,
 * neither happened.
 */
@ApplicationScoped
public class RewardService {

    private final Pool pool;
    private final RewardRepository rewards;
    private final PointsLedger ledger;
    private final VolunteerService volunteers;
    private final RegionRepository regions;
    private final Clock clock;

    public RewardService(Pool pool, RewardRepository rewards, PointsLedger ledger, VolunteerService volunteers,
                         RegionRepository regions, Clock clock) {
        this.pool = pool;
        this.rewards = rewards;
        this.ledger = ledger;
        this.volunteers = volunteers;
        this.regions = regions;
        this.clock = clock;
    }

    /** An admin lists a reward for a community in scope. */
    public Uni<PointsViews.VolunteerRewardView> create(Actor actor, PointsRequests.VolunteerRewardRequest body) {
        return regions.findWithin(body.communityId(), actor.scopePath()).chain(community -> {
            if (community == null || community.level() != RegionLevel.COMMUNITY) {
                throw new NotFound("COMMUNITY_NOT_FOUND", "社区不存在或无权访问：" + body.communityId(),
                        "Community not found: " + body.communityId());
            }
            return pool.withTransaction(tx -> rewards.insert(tx, community.id(), body.name().trim(),
                    body.description() == null || body.description().isBlank() ? null : body.description().trim(),
                    body.cost(), body.stock(), actor.userId(), clock.instant()).chain(id -> rewards.find(tx, id)));
        }).map(found -> found.get().view());
    }

    /** Staff see the rewards of communities in scope; a volunteer the active rewards of their community. */
    public Uni<CursorPage<PointsViews.VolunteerRewardView>> list(Actor actor, Long communityId, String cursor, int limit) {
        Long after = CursorPage.after(cursor);
        long afterId = after == null ? 0 : after;
        Uni<java.util.List<PointsViews.VolunteerRewardView>> rows = actor.isStaff()
                ? (actor.scopePath() == null ? Uni.createFrom().item(java.util.List.of())
                : rewards.list(pool, actor.scopePath(), communityId, false, afterId, limit + 1))
                : volunteers.mine(actor.userId()).chain(v -> rewards.list(pool, null, v.communityId(), true, afterId,
                limit + 1));
        return rows.map(found -> CursorPage.of(found, limit, PointsViews.VolunteerRewardView::id));
    }

    /** An admin adds stock to a reward in scope. */
    public Uni<PointsViews.VolunteerRewardView> restock(Actor actor, long id, int add) {
        return inScope(actor, id).chain(r -> pool.withTransaction(tx -> rewards.restock(tx, id, add, clock.instant())
                .chain(() -> rewards.find(tx, id)))).map(found -> found.get().view());
    }

    /** A volunteer redeems a reward of their community: one from stock, its cost from their points. */
    public Uni<PointsViews.VolunteerRedemptionView> redeem(Actor actor, long id) {
        return volunteers.mine(actor.userId()).chain(v -> pool.withTransaction(tx -> {
            Instant now = clock.instant();
            return rewards.take(tx, id, v.communityId(), now).chain(taken -> {
                if (taken.isEmpty()) {
                    return rewards.find(tx, id).chain(r -> Uni.createFrom().<PointsViews.VolunteerRedemptionView>failure(
                            r.isEmpty() || r.get().view().communityId() != v.communityId() ? notFound(id)
                                    : new Conflict("OUT_OF_STOCK", "该奖品已兑完或已下架", "This reward is out of stock")));
                }
                int cost = taken.get().cost();
                return rewards.insertRedemption(tx, id, v.id(), cost, now).chain(redemption -> ledger
                        .append(tx, v.id(), PointsLedger.SPEND, -cost, taken.get().name(), null, redemption,
                                actor.userId(), now)
                        .map(entry -> new PointsViews.VolunteerRedemptionView(redemption, id, taken.get().name(), cost,
                                entry.orElseThrow(PointsService::insufficient).balanceAfter(), ApiTime.of(now))));
            });
        }));
    }

    private Uni<RewardRepository.RewardRow> inScope(Actor actor, long id) {
        return rewards.find(pool, id).map(found -> found
                .filter(r -> Actor.within(r.communityPath(), actor.scopePath())).orElseThrow(() -> notFound(id)));
    }

    private static NotFound notFound(long id) {
        return new NotFound("REWARD_NOT_FOUND", "奖品不存在或无权访问：" + id, "Reward not found: " + id);
    }
}
