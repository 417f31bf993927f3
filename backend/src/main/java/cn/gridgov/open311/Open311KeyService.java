package cn.gridgov.open311;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.ApiKeys;
import cn.gridgov.common.text.AllowedText;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Issuing, listing and revoking Open311 API keys, each bound to a node in the issuing admin's scope. */
@ApplicationScoped
public class Open311KeyService {

    /** Keys start with it, so a leaked one is recognisable in logs and code. */
    static final String KEY_PREFIX = "o311_";

    private final Open311ClientRepository clients;
    private final RegionRepository regions;
    private final Pool pool;
    private final Clock clock;

    public Open311KeyService(Open311ClientRepository clients, RegionRepository regions, Pool pool, Clock clock) {
        this.clients = clients;
        this.regions = regions;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Open311Keys.Issued> issue(Actor actor, Open311Keys.Create request) {
        String name = request.name().trim();
        if (!AllowedText.allowed(name)) {
            throw AllowedText.refused();
        }
        long regionId = request.regionId();
        ApiKeys.Generated key = ApiKeys.generate(KEY_PREFIX);
        Instant now = clock.instant();
        return regions.findWithin(regionId, actor.scopePath()).chain(region -> {
            if (region == null) {
                return Uni.createFrom().failure(DomainException.notFound("Region", "区域", regionId));
            }
            return pool.withTransaction(tx -> clients.insert(tx, name, key.hash(), key.hint(),
                            regionId, actor.userId(), now))
                    .chain(id -> clients.find(id, actor.scopePath()))
                    .map(listed -> new Open311Keys.Issued(key.key(), view(listed)));
        });
    }

    public Uni<List<Open311Keys.View>> list(Actor actor) {
        return clients.list(actor.scopePath()).map(all -> all.stream().map(Open311KeyService::view).toList());
    }

    public Uni<Void> revoke(Actor actor, long id) {
        return clients.find(id, actor.scopePath()).chain(listed -> {
            if (listed == null) {
                return Uni.createFrom().failure(DomainException.notFound("Open311Key", "API 密钥", id));
            }
            return clients.revoke(id, clock.instant());
        });
    }

    private static Open311Keys.View view(Open311ClientRepository.Listed c) {
        return new Open311Keys.View(c.id(), c.name(), c.keyHint(), c.regionId(), c.regionName(), ApiTime.of(c.createdAt()),
                c.revokedAt() == null ? null : ApiTime.of(c.revokedAt()));
    }
}
