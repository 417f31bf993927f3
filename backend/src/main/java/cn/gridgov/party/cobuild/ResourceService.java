package cn.gridgov.party.cobuild;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** The resources and services a co-building unit offers, kept by admins who see the unit. */
@ApplicationScoped
public class ResourceService {

    private final Pool pool;
    private final UnitRepository units;
    private final Clock clock;

    public ResourceService(Pool pool, UnitRepository units, Clock clock) {
        this.pool = pool;
        this.units = units;
        this.clock = clock;
    }

    public Uni<CobuildViews.CobuildResourceView> add(Actor actor, long unitId, CobuildRequests.CobuildResourceInput body) {
        return pool.withTransaction(tx -> units.findForUpdate(tx, unitId, actor.scopePath()).chain(found -> {
            found.orElseThrow(() -> UnitService.notFound(unitId));
            return units.insertResource(tx, unitId, body, clock.instant()).chain(id -> units.findResource(tx, id));
        })).map(r -> r.get());
    }

    public Uni<CobuildViews.CobuildResourceView> update(Actor actor, long id, CobuildRequests.CobuildResourceInput body) {
        if (body.version() == null) {
            throw DomainException.badRequest("VERSION_REQUIRED", "缺少 version（当前版本号）", "version is required");
        }
        return pool.withTransaction(tx -> units.findResource(tx, id).chain(found -> {
            CobuildViews.CobuildResourceView resource = found.orElseThrow(() -> notFound(id));
            return units.findForUpdate(tx, resource.unitId(), actor.scopePath()).chain(unit -> {
                unit.orElseThrow(() -> notFound(id));
                return units.updateResource(tx, id, body, clock.instant());
            });
        }).chain(done -> {
            if (!done) {
                throw UnitService.stale("共建资源");
            }
            return units.findResource(tx, id);
        })).map(r -> r.get());
    }

    static NotFound notFound(long id) {
        return new NotFound("COBUILD_RESOURCE_NOT_FOUND", "共建资源不存在或无权访问：" + id, "Co-building resource not found: " + id);
    }
}
