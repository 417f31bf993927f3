package cn.gridgov.hotline;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.NotFound;
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

/** Issuing, listing, revoking and resolving the credentials of hotline platforms, each bound to a node. */
@ApplicationScoped
public class HotlineClientService {

    /** Keys start with it, so a leaked one is recognisable in logs and code. */
    static final String KEY_PREFIX = "hl_";

    private final HotlineClientRepository clients;
    private final RegionRepository regions;
    private final Pool pool;
    private final Clock clock;
    private final CallbackPolicy callbacks;

    public HotlineClientService(HotlineClientRepository clients, RegionRepository regions, Pool pool, Clock clock,
                                CallbackPolicy callbacks) {
        this.callbacks = callbacks;
        this.clients = clients;
        this.regions = regions;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<HotlineClients.Issued> issue(Actor actor, HotlineClients.Create request) {
        String name = request.name().trim();
        if (!AllowedText.allowed(name)) {
            throw AllowedText.refused();
        }
        String callbackUrl = callbacks.checked("callbackUrl", CallbackUrl.checked("callbackUrl", request.callbackUrl()));
        long regionId = request.regionId();
        ApiKeys.Generated key = ApiKeys.generate(KEY_PREFIX);
        Instant now = clock.instant();
        return regions.findWithin(regionId, actor.scopePath()).chain(region -> {
            if (region == null) {
                return Uni.createFrom().failure(DomainException.notFound("Region", "区域", regionId));
            }
            return pool.withTransaction(tx -> clients.insert(tx, name, key.hash(), key.hint(), regionId, callbackUrl,
                                    actor.userId(), now)
                            .chain(id -> clients.find(tx, id, actor.scopePath())))
                    .map(listed -> new HotlineClients.Issued(key.key(), view(listed)));
        });
    }

    public Uni<List<HotlineClients.View>> list(Actor actor) {
        return clients.list(actor.scopePath()).map(all -> all.stream().map(HotlineClientService::view).toList());
    }

    public Uni<Void> revoke(Actor actor, long id) {
        return clients.find(pool, id, actor.scopePath()).chain(listed -> {
            if (listed == null) {
                return Uni.createFrom().failure(new NotFound("HOTLINE_CLIENT_NOT_FOUND", "对接系统不存在或不在本人辖区：" + id,
                        "Hotline client not found: " + id));
            }
            return clients.revoke(id, clock.instant());
        });
    }

    /** The client holding {@code apiKey} (the X-Api-Key header); 403 when it is missing, unknown or revoked. */
    public Uni<HotlineClient> client(String apiKey) {
        return ApiKeys.resolve(apiKey, clients::active,
                () -> new NotAllowed("HOTLINE_API_KEY_REQUIRED", "请在 X-Api-Key 请求头中提供县级管理员签发的密钥",
                        "The X-Api-Key header with a key issued by a county admin is required"),
                () -> new NotAllowed("HOTLINE_API_KEY_INVALID", "X-Api-Key 无效或已被吊销",
                        "The X-Api-Key is invalid or revoked"));
    }

    private static HotlineClients.View view(HotlineClientRepository.Listed c) {
        return new HotlineClients.View(c.id(), c.name(), c.keyHint(), c.regionId(), c.regionName(), c.callbackUrl(),
                ApiTime.of(c.createdAt()), c.revokedAt() == null ? null : ApiTime.of(c.revokedAt()));
    }
}
