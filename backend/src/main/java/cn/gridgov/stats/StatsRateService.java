package cn.gridgov.stats;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The three rates (issue 11 §5): a node's and its children's for staff whose scope holds the node (outside it the
 * node looks absent, 404); the departments' for county-level staff (all) and for a department's admin (its own only,
 * any other looks absent, 404).
 */
@ApplicationScoped
public class StatsRateService {

    private final RegionRepository regions;
    private final StatsRateRepository rates;

    public StatsRateService(RegionRepository regions, StatsRateRepository rates) {
        this.regions = regions;
        this.rates = rates;
    }

    public Uni<StatsRateRegions> regions(Actor actor, Long regionId, StatsPeriod period) {
        Long id = regionId != null ? regionId : actor.scopeRegionId();
        if (id == null || actor.scopePath() == null || actor.isDepartmentStaff()) {
            return Uni.createFrom().failure(regionNotFound(regionId));
        }
        return regions.findWithin(id, actor.scopePath()).chain(node -> {
            if (node == null) {
                throw regionNotFound(id);
            }
            return Uni.combine().all().unis(regions.children(node.id(), actor.scopePath()), rates.regions(node.path(), period))
                    .asTuple().map(t -> assemble(node, period, t.getItem1(), t.getItem2()));
        });
    }

    public Uni<StatsRateDepartments> departments(Actor actor, Long departmentId, StatsPeriod period) {
        if (actor.isDepartmentStaff()) {
            if (!actor.hasRole(Role.DEPT_ADMIN)) {
                return Uni.createFrom().failure(new ForbiddenException("只有部门管理员可以查看本部门的三率"));
            }
            if (departmentId != null && !departmentId.equals(actor.departmentId())) {
                return Uni.createFrom().failure(departmentNotFound(departmentId));
            }
            return listed(period, actor.departmentId(), actor.departmentId());
        }
        if (actor.scopeRegionId() == null || actor.scopePath() == null) {
            return Uni.createFrom().failure(new ForbiddenException("只有县级人员和部门管理员可以查看部门三率"));
        }
        return regions.findWithin(actor.scopeRegionId(), actor.scopePath()).chain(own -> {
            if (own == null || own.level() != RegionLevel.COUNTY) {
                throw new ForbiddenException("只有县级人员和部门管理员可以查看部门三率");
            }
            return listed(period, departmentId, departmentId);
        });
    }

    /** The departments' rates over the calls to incidents under {@code nodePath}, only those that were called. */
    public Uni<List<StatsRateDepartment>> calledUnder(String nodePath, StatsPeriod period) {
        return rates.departments(period, nodePath, null)
                .map(list -> list.stream().filter(d -> d.figures().total() > 0).toList());
    }

    private Uni<StatsRateDepartments> listed(StatsPeriod period, Long departmentId, Object shownId) {
        return rates.departments(period, null, departmentId).map(list -> {
            if (departmentId != null && list.isEmpty()) {
                throw departmentNotFound(shownId);
            }
            return new StatsRateDepartments(period.from(), period.to(), list);
        });
    }

    private static StatsRateRegions assemble(Region node, StatsPeriod period, List<Region> children,
                                             StatsRateRepository.Regions figures) {
        List<StatsRateNode> perChild = children.stream()
                .map(c -> new StatsRateNode(c.id(), c.code(), c.name(), c.level(),
                        figures.children().getOrDefault(c.id(), StatsRateFigures.EMPTY)))
                .toList();
        return new StatsRateRegions(node.id(), node.code(), node.name(), node.level(), period.from(), period.to(),
                figures.node(), perChild);
    }

    private static DomainException regionNotFound(Object id) {
        return DomainException.notFound("Region", "区域", id == null ? "（未绑定区域）" : id);
    }

    private static DomainException departmentNotFound(Object id) {
        return DomainException.notFound("Department", "部门", id);
    }
}
