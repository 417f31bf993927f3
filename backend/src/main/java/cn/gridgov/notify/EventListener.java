package cn.gridgov.notify;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LISTENs for incident events on a connection of its own (reconnected when lost) and hands them to this
 * replica's {@link FeedHub}. After a reconnect it reads the events it missed from the flow, so live
 * clients lose nothing while the database connection was down.
 */
@ApplicationScoped
public class EventListener {

    private static final Logger LOG = Logger.getLogger(EventListener.class);
    private static final int CATCH_UP_LIMIT = 10_000;

    private final Vertx vertx;
    private final Pool pool;
    private final EventRepository events;
    private final FeedHub hub;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final AtomicLong lastSeen = new AtomicLong(-1);
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile PgSubscriber subscriber;

    public EventListener(Vertx vertx, Pool pool, EventRepository events, FeedHub hub,
                         @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                         @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                         @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.pool = pool;
        this.events = events;
        this.hub = hub;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent ignored) {
        connect(0);
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping.set(true);
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
        next.closeHandler(v -> {
            if (!stopping.get()) {
                LOG.warn("event LISTEN connection lost; reconnecting");
                vertx.setTimer(250, id -> connect(1));
            }
        });
        subscriber = next;
        next.connect().onFailure(e -> {
            long delay = Math.min(250L * (attempt + 1), 5_000L);
            LOG.warnf("event LISTEN connection failed (%s); retrying in %d ms", e.getMessage(), delay);
            vertx.setTimer(delay, id -> connect(attempt + 1));
        });
    }

    private void received(String payload) {
        try {
            IncidentEvent event = IncidentEvent.fromWire(new JsonObject(payload));
            lastSeen.accumulateAndGet(event.id(), Math::max);
            hub.publish(event);
        } catch (RuntimeException e) {
            LOG.warnf("unreadable incident event ignored: %s", e.toString());
        }
    }

    /** LISTEN is active: the first time there is nothing to catch up; after a reconnect, the gap is read. */
    private void subscribed() {
        if (!subscribedOnce.compareAndSet(false, true)) {
            LOG.infof("event LISTEN connection back; reading events after %d", lastSeen.get());
            long from = lastSeen.get();
            if (from < 0) {
                return;
            }
            events.allSince(pool, from, CATCH_UP_LIMIT).subscribe().with(missed -> missed.forEach(e -> {
                lastSeen.accumulateAndGet(e.id(), Math::max);
                hub.publish(e);
            }), e -> LOG.warnf("events missed while reconnecting not read: %s", e.toString()));
        }
    }
}
