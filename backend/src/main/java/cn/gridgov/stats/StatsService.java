package cn.gridgov.stats;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.security.Actor;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A node's dashboard for staff whose scope holds the node: the node (by default the caller's own), its children,
 * and the aggregates of its subtree; a node outside the scope looks absent (404), as everywhere in the tree.
 */
@ApplicationScoped
public class StatsService {

    private final Pool pool;
    private final RegionRepository regions;
    private final StatsRepository stats;
    private final StatsRateService rates;

    public StatsService(Pool pool, RegionRepository regions, StatsRepository stats, StatsRateService rates) {
        this.pool = pool;
        this.regions = regions;
        this.stats = stats;
        this.rates = rates;
    }

    public Uni<StatsOverview> overview(Actor actor, Long regionId, StatsPeriod period) {
        Long id = regionId != null ? regionId : actor.scopeRegionId();
        if (id == null || actor.scopePath() == null) {
            return Uni.createFrom().failure(notFound(regionId));
        }
        return regions.findWithin(id, actor.scopePath()).chain(node -> {
            if (node == null) {
                throw notFound(id);
            }
            return regions.children(node.id(), actor.scopePath()).chain(children -> Uni.combine().all()
                    .unis(stats.overview(pool, node.id(), children.stream().map(Region::id).toList(), period),
                            stats.days(pool, node.id(), period), rates.calledUnder(node.path(), period))
                    .asTuple()
                    .map(t -> assemble(node, period, children, t.getItem1(), t.getItem2(), t.getItem3())));
        });
    }

    private static StatsOverview assemble(Region node, StatsPeriod period, List<Region> children,
                                          StatsRepository.Aggregates aggregates, List<StatsDay> days,
                                          List<StatsRateDepartment> departments) {
        List<StatsChild> perChild = children.stream()
                .map(c -> new StatsChild(c.id(), c.code(), c.name(), c.level(),
                        aggregates.children().getOrDefault(c.id(), StatsTally.empty())))
                .toList();
        return new StatsOverview(node.id(), node.code(), node.name(), node.level(), period.from(), period.to(),
                aggregates.node(), perChild, days, departments);
    }

    private static DomainException notFound(Object id) {
        return DomainException.notFound("Region", "区域", id == null ? "（未绑定区域）" : id);
    }
}
