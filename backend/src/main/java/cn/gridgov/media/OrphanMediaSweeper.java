package cn.gridgov.media;

import cn.gridgov.common.BlockingCalls;
import cn.gridgov.media.MediaObjects.StoredObject;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes photos that were uploaded but never attached to an incident (abandoned drafts): rows first, claimed
 * with {@code FOR UPDATE SKIP LOCKED} so several replicas can sweep at once and a concurrent attach either wins
 * or finds the photo gone; the objects after the commit (a leftover object is waste, a row without one is not).
 */
@ApplicationScoped
public class OrphanMediaSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanMediaSweeper.class);
    private static final int BATCH = 100;

    private final Pool pool;
    private final MediaRepository repository;
    private final MediaObjects objects;
    private final MediaConfig config;
    private final Clock clock;

    public OrphanMediaSweeper(Pool pool, MediaRepository repository, MediaObjects objects, MediaConfig config,
                              Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.objects = objects;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gridgov.media.orphan-sweep-every}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepOnce(clock.instant().minus(config.orphanMaxAge()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("deleted %d unattached photos", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("orphan photo sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithItem(0).replaceWithVoid();
    }

    /** Deletes up to one batch of photos unattached since before {@code olderThan}; answers how many. */
    public Uni<Integer> sweepOnce(Instant olderThan) {
        StorageConfig buckets = objects.config();
        return pool.withTransaction(tx -> repository.claimOrphans(tx, olderThan, BATCH).chain(orphans -> {
                    List<UUID> ids = new ArrayList<>();
                    List<StoredObject> stored = new ArrayList<>();
                    for (Media m : orphans) {
                        ids.add(m.id());
                        stored.add(new StoredObject(buckets.originalsBucket(), m.originalKey(), null, null));
                        stored.add(new StoredObject(buckets.displayBucket(), m.displayKey(), null, null));
                        stored.add(new StoredObject(buckets.displayBucket(), m.thumbnailKey(), null, null));
                    }
                    return repository.delete(tx, ids).replaceWith(stored);
                }))
                .chain(stored -> BlockingCalls.onWorker(() -> {
                    objects.removeQuietly(stored);
                    return stored.size() / 3;
                }));
    }
}
