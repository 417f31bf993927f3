package cn.gridgov.stats;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Folds the deltas the incident triggers append ({@code stats_delta_batch}, V7_93, V7_101) into the daily aggregate
 * ({@code stats_day}), in one transaction: a reader sees each delta either still there or already folded, never both
 * nor neither. Writers only ever insert deltas, so they never wait on a shared row; only the compactor updates
 * {@code stats_day}, one replica at a time (a transaction-level advisory lock; the others skip their turn).
 */
@ApplicationScoped
public class StatsCompactor {

    private static final Logger LOG = Logger.getLogger(StatsCompactor.class);
    static final String LOCK = "SELECT pg_try_advisory_xact_lock(26470, 0) AS locked";
    /**
     * The oldest {@code $1} delta batches ({@code stats_delta_batch}: each the entries of one writing statement,
     * V7_101, V7_103) removed and folded in: what is folded is what this statement removed (RETURNING), so a fold
     * running beside another counts nothing twice.
     */
    static final String FOLD = """
            WITH moved AS (
                DELETE FROM stats_delta_batch WHERE id IN (SELECT id FROM stats_delta_batch ORDER BY id LIMIT $1)
                RETURNING node_ids, days, dims, keys, ns, micros
            )
            INSERT INTO stats_day (node_id, day, dim, key, n, micros)
            SELECT e.node_id, e.day, e.dim, e.key, sum(e.n), sum(e.micros)
            FROM moved, unnest(moved.node_ids, moved.days, moved.dims, moved.keys, moved.ns, moved.micros)
                 AS e(node_id, day, dim, key, n, micros)
            GROUP BY 1, 2, 3, 4
            ON CONFLICT (node_id, day, dim, key)
                DO UPDATE SET n = stats_day.n + EXCLUDED.n, micros = stats_day.micros + EXCLUDED.micros""";
    static final String DROP_ZEROS = "DELETE FROM stats_day WHERE n = 0";

    private final Pool pool;
    private final StatsConfig config;

    public StatsCompactor(Pool pool, StatsConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${gridgov.stats.compact-every}", delayed = "${gridgov.stats.compact-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.compactorEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce().onFailure().invoke(e -> LOG.warnf("stats compaction failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One fold of at most {@code compact-batch} delta rows; answers how many aggregate rows it wrote (0 if another ran). */
    public Uni<Integer> runOnce() {
        return pool.withTransaction(tx -> tx.query(LOCK).execute().chain(lock -> {
            if (!lock.iterator().next().getBoolean("locked")) {
                return Uni.createFrom().item(0);
            }
            return tx.preparedQuery(FOLD).execute(Tuple.of(config.compactBatch()))
                    .call(folded -> tx.query(DROP_ZEROS).execute())
                    .map(folded -> folded.rowCount());
        }));
    }
}
