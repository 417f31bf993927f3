package cn.gridgov.notify;

import cn.gridgov.identity.auth.TokenVersions;
import cn.gridgov.incident.category.CategoryCache;
import cn.gridgov.region.LocateIndex;
import cn.gridgov.notify.feed.FeedHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LISTENs for incident events on a connection of its own (reconnected when lost) and hands them to this
 * replica's {@link FeedHub}, as it does the accounts whose access ended (their connections are closed and
 * their held token version dropped, {@link TokenVersions}; versions are held only while LISTEN is up), and drops
 * the category tree held in memory when the categories change ({@link CategoryCache}), and the region tree held
 * for locate when the regions change ({@link LocateIndex}; held only while LISTEN is up). After a reconnect it reads
 * the events it missed from the flow, so live clients lose nothing while the database connection was down.
 */
@ApplicationScoped
public class EventListener {

    private static final Logger LOG = Logger.getLogger(EventListener.class);

    private final Vertx vertx;
    private final Pool pool;
    private final EventRepository events;
    private final FeedHub hub;
    private final CategoryCache categories;
    private final TokenVersions versions;
    private final LocateIndex locator;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final AtomicLong lastSeen = new AtomicLong(-1);
    /** The ids passed on lately (more than a catch-up's overlap and a LISTEN's delay hold). */
    private final RecentIds published = new RecentIds(20_000);
    private final LatestPerIncident latest = new LatestPerIncident(20_000);
    /** The highest id when this replica first swept: what came before is not its to sweep. */
    private final AtomicLong sweepFloor = new AtomicLong(-1);
    private final Counter swept;
    private final Counter superseded;
    private final NotifyConfig config;
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile PgSubscriber subscriber;

    public EventListener(Vertx vertx, Pool pool, EventRepository events, FeedHub hub, CategoryCache categories,
                         TokenVersions versions, LocateIndex locator, NotifyConfig config, MeterRegistry meters,
                         @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                         @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                         @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.pool = pool;
        this.events = events;
        this.hub = hub;
        this.categories = categories;
        this.versions = versions;
        this.locator = locator;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
        swept = Counter.builder("gridgov.feed.swept")
                .description("Committed events the sweep found this replica had never heard of").register(meters);
        superseded = Counter.builder("gridgov.feed.superseded")
                .description("Events the sweep found that a later event of their incident superseded (not passed on)")
                .register(meters);
    }

    void start(@Observes StartupEvent ignored) {
        connect(0);
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping.set(true);
        versions.notListening();
        locator.notListening();
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /**
     * A fresh subscriber on a new connection each time (the first, and after every loss): LISTEN is issued
     * on it, then {@link #subscribed} reads what was missed meanwhile.
     */
    private void connect(int attempt) {
        if (stopping.get()) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        user.ifPresent(options::setUser);
        password.filter(p -> !p.isEmpty()).ifPresent(options::setPassword);
        PgSubscriber next = PgSubscriber.subscriber(vertx, options);
        next.channel(EventRepository.CHANNEL)
                .subscribeHandler(v -> subscribed())
                .handler(this::received);
        // token versions are held only while their announcements can be heard
        next.channel(TokenVersions.CHANNEL).subscribeHandler(v -> versions.listening()).handler(this::accessEnded);
        // the category tree this replica holds is dropped on every change, and whenever LISTEN (re)starts: changes
        // made while the connection was down were not heard
        next.channel(CategoryCache.CHANNEL).subscribeHandler(v -> categories.invalidate())
                .handler(ignored -> categories.invalidate());
        // so is the region tree held for locate, which is held only while its announcements can be heard
        next.channel(LocateIndex.CHANNEL).subscribeHandler(v -> locator.listening())
                .handler(ignored -> locator.changed());
        AtomicBoolean retried = new AtomicBoolean();
        next.closeHandler(v -> retry(next, retried, 1, "lost"));
        subscriber = next;
        next.connect().onFailure(e -> retry(next, retried, attempt + 1, "failed (" + e.getMessage() + ")"));
    }

    /**
     * Connects anew, once per subscriber whichever of its two failure signals comes first (a connection whose
     * LISTEN fails is closed, and its connect fails too): two retries would make two subscribers.
     */
    private void retry(PgSubscriber failed, AtomicBoolean once, int attempt, String why) {
        if (failed == subscriber) {
            versions.notListening();
            locator.notListening();
        }
        if (stopping.get() || failed != subscriber || !once.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.min(250L * attempt, 5_000L);
        LOG.warnf("event LISTEN connection %s; reconnecting in %d ms", why, delay);
        vertx.setTimer(delay, id -> connect(attempt));
    }

    private void received(String payload) {
        try {
            publish(IncidentEvent.fromWire(new JsonObject(payload)));
        } catch (RuntimeException e) {
            LOG.warnf("unreadable incident event ignored: %s", e.toString());
        }
    }

    /**
     * An account's access ended (its token version was raised on some replica): the version held for it is
     * dropped and its connections here close.
     */
    private void accessEnded(String userId) {
        try {
            long id = Long.parseLong(userId);
            versions.raised(id);
            hub.closeAccount(id);
        } catch (NumberFormatException e) {
            LOG.warnf("unreadable account notification ignored: %s", userId);
        }
    }

    /**
     * To this replica's feed, once: the catch-up after a reconnect and the sweep overlap what LISTEN delivers.
     * (Synchronised: LISTEN, a catch-up and the sweep call it from different threads.)
     */
    private synchronized void publish(IncidentEvent event) {
        if (published.add(event.id())) {
            lastSeen.accumulateAndGet(event.id(), Math::max);
            latest.advance(event.incidentId(), event.id());
            hub.publish(event);
        }
    }

    /**
     * Too many events missed to pass on (more than a replay holds): they count as passed on, and this replica's feed
     * clients are told to reload from the API instead.
     */
    private synchronized void reloadInstead(List<Long> ids) {
        ids.forEach(id -> {
            published.add(id);
            lastSeen.accumulateAndGet(id, Math::max);
        });
        hub.reloadAll();
    }

    /**
     * {@link #publish}, for an event the sweep found: not after a later event of the same incident, which supersedes
     * it (passed on late, it would leave clients with the older state; a reconnecting client's replay still has it).
     */
    private synchronized void publishFound(IncidentEvent event) {
        if (latest.isBefore(event.incidentId(), event.id())) {
            published.add(event.id());
            superseded.increment();
            LOG.infof("event %d of incident %d, found by the sweep after a later one of it, is not passed on",
                    event.id(), event.incidentId());
            return;
        }
        publish(event);
    }

    @Scheduled(every = "${gridgov.notify.sweep-every}", delayed = "${gridgov.notify.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        if (!config.sweepEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return sweep().onFailure().invoke(e -> LOG.warnf("event sweep failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Passes on the committed events this replica was never told of: the ids after the highest it passed on, and
     * {@code sweep-overlap} before it, that it has not passed on (normally none; a new incident's events whose
     * replica stopped between its commit and their NOTIFY, {@link CommittedEvents}), never those from before the
     * first sweep, which only notes where the flow stands. Answers how many it found. More than a replay holds: feed
     * clients are told to reload.
     */
    public Uni<Integer> sweep() {
        if (sweepFloor.get() < 0) {
            return events.lastId(pool).invoke(last -> {
                sweepFloor.compareAndSet(-1, last);
                lastSeen.compareAndSet(-1, last);
            }).replaceWith(0);
        }
        long from = Math.max(lastSeen.get() - config.sweepOverlap(), sweepFloor.get());
        return events.idsSince(pool, from, config.sweepOverlap() + config.replayLimit() + 1).chain(ids -> {
            List<Long> missed = ids.stream().filter(id -> !published.contains(id)).toList();
            if (missed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            if (missed.size() > config.replayLimit()) {
                LOG.warnf("the sweep found %d events never heard of; feed clients are told to reload", missed.size());
                swept.increment(missed.size());
                reloadInstead(missed);
                return Uni.createFrom().item(missed.size());
            }
            return events.of(pool, missed).map(found -> {
                swept.increment(found.size());
                found.forEach(this::publishFound);
                return found.size();
            });
        });
    }

    /** LISTEN is active: the first time there is nothing to catch up; after a reconnect, the gap is read. */
    private void subscribed() {
        if (!subscribedOnce.compareAndSet(false, true)) {
            LOG.infof("event LISTEN connection back; reading events after %d", lastSeen.get());
            long from = lastSeen.get();
            if (from < 0) {
                return;
            }
            // as for a client: beyond what a replay holds, the consoles are better off reloading from the API
            int limit = config.replayLimit() + config.replayOverlap();
            events.allSince(pool, from, config.replayOverlap(), limit + 1).subscribe().with(missed -> {
                if (missed.size() > limit) {
                    LOG.warnf("more than %d events missed while reconnecting; feed clients are told to reload", limit);
                    reloadInstead(missed.stream().map(IncidentEvent::id).toList());
                } else {
                    missed.forEach(this::publish);
                }
            }, e -> {
                LOG.warnf("events missed while reconnecting not read (%s); feed clients are told to reload", e);
                hub.reloadAll();
            });
        }
    }

    /** The highest event id passed on per incident, for the last {@code capacity} incidents that had one. */
    static final class LatestPerIncident {
        private final Map<Long, Long> latest;

        LatestPerIncident(int capacity) {
            this.latest = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** Records {@code eventId} for {@code incidentId}, unless a later one was. */
        synchronized void advance(long incidentId, long eventId) {
            latest.merge(incidentId, eventId, Math::max);
        }

        /** Whether an event of {@code incidentId} later than {@code eventId} was recorded. */
        synchronized boolean isBefore(long incidentId, long eventId) {
            Long recorded = latest.get(incidentId);
            return recorded != null && recorded > eventId;
        }
    }

    /** The last {@code capacity} ids added, to drop repeats. */
    static final class RecentIds {
        private final int capacity;
        private final Set<Long> ids = new HashSet<>();
        private final ArrayDeque<Long> order = new ArrayDeque<>();

        RecentIds(int capacity) {
            this.capacity = capacity;
        }

        /** False if {@code id} is among the recent ones (called from the LISTEN and the pool's threads). */
        synchronized boolean add(long id) {
            if (!ids.add(id)) {
                return false;
            }
            order.addLast(id);
            if (order.size() > capacity) {
                ids.remove(order.removeFirst());
            }
            return true;
        }

        synchronized boolean contains(long id) {
            return ids.contains(id);
        }
    }
}
