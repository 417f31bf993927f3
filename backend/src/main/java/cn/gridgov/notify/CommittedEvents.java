package cn.gridgov.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the events of new incidents to every replica once their transaction has committed, many in one NOTIFY
 * statement (issue 18, report). A NOTIFY inside a transaction makes its commit take a database-wide lock and hold it
 * through the WAL flush, so reporting transactions committed one at a time; here the reports commit without it, and
 * each batch's NOTIFY is a transaction of its own that writes no WAL (its commit waits for no flush).
 * <p>
 * A batch is sent as soon as the one before is answered, with every event that committed meanwhile, in the order
 * they committed. A failed batch is sent again (after a pause) before any later one. What this replica cannot
 * publish (it stops between a commit and the NOTIFY, or the database stays unreachable) every replica's sweep finds
 * in the flow ({@link EventListener}); a later change of the same incident already passed on supersedes it there.
 */
@ApplicationScoped
public class CommittedEvents {

    private static final Logger LOG = Logger.getLogger(CommittedEvents.class);
    /** Payloads of a few hundred bytes: one statement of this many stays small. */
    static final int MAX_BATCH = 500;
    /** Attempts at one batch before it is left to the sweep (about 15 s of pauses). */
    static final int MAX_ATTEMPTS = 8;
    /** Events waiting beyond this many (the database unreachable for long) are left to the sweep. */
    static final int MAX_WAITING = 100_000;

    private final Pool pool;
    private final EventRepository events;
    private final Vertx vertx;
    private final ConcurrentLinkedQueue<IncidentEvent> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicInteger count = new AtomicInteger();

    private final Counter givenUp;

    public CommittedEvents(Pool pool, EventRepository events, Vertx vertx, MeterRegistry meters) {
        this.pool = pool;
        this.events = events;
        this.vertx = vertx;
        Gauge.builder("gridgov.feed.committed.waiting", count, AtomicInteger::get)
                .description("New incidents' events committed and waiting for their NOTIFY on this replica")
                .register(meters);
        givenUp = Counter.builder("gridgov.feed.committed.given.up")
                .description("New incidents' events this replica could not publish, left to the sweep")
                .register(meters);
    }

    /**
     * Publishes {@code event} when the transaction {@code tx} belongs to commits, nothing if it rolls back;
     * outside a transaction, at once.
     */
    public Uni<Void> afterCommit(SqlClient tx, IncidentEvent event) {
        Transaction transaction = tx instanceof SqlConnection connection ? connection.transaction() : null;
        if (transaction == null) {
            return events.notifyReplicas(tx, event);
        }
        // handlers run in the order they were added: the events of one transaction keep their order
        transaction.completion().subscribe().with(committed -> {
            if (count.incrementAndGet() > MAX_WAITING) {
                count.decrementAndGet();
                givenUp.increment();
                LOG.warnf("event %d not queued for publication (%d waiting); left to the sweep", event.id(),
                        MAX_WAITING);
                return;
            }
            waiting.add(event);
            send();
        }, rolledBack -> { });
        return Uni.createFrom().voidItem();
    }

    /** Sends what is waiting, unless a batch is under way (its end sends the rest). */
    private void send() {
        if (!sending.compareAndSet(false, true)) {
            return;
        }
        List<IncidentEvent> batch = new ArrayList<>();
        for (IncidentEvent e = waiting.poll(); e != null; e = batch.size() < MAX_BATCH ? waiting.poll() : null) {
            batch.add(e);
        }
        count.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            sending.set(false);
            if (!waiting.isEmpty()) {
                send();
            }
            return;
        }
        sendBatch(batch, 0);
    }

    /**
     * One batch, again after a pause if it fails, at most {@link #MAX_ATTEMPTS} times: then it is given up and the
     * sweep of every replica finds its events in the flow. Whatever happens, the next batch goes after it.
     */
    private void sendBatch(List<IncidentEvent> batch, int failures) {
        Uni<Void> sent;
        try {
            sent = events.notifyReplicas(pool, batch);
        } catch (RuntimeException e) {
            sent = Uni.createFrom().failure(e);
        }
        sent.subscribe().with(done -> next(), e -> {
            if (failures + 1 >= MAX_ATTEMPTS) {
                LOG.errorf("publishing %d committed incident events failed %d times (%s); left to the sweep",
                        batch.size(), failures + 1, e);
                givenUp.increment(batch.size());
                next();
                return;
            }
            long delay = Math.min(100L << failures, 5_000L);
            LOG.warnf("publishing %d committed incident events failed (%s); again in %d ms", batch.size(), e, delay);
            vertx.setTimer(delay, id -> sendBatch(batch, failures + 1));
        });
    }

    private void next() {
        sending.set(false);
        send();
    }
}
