package cn.gridgov.notify.feed;

import cn.gridgov.notify.EventRepository;
import cn.gridgov.notify.IncidentEvent;
import cn.gridgov.notify.NotifyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's feed connections: opens them (replaying what a client missed since {@code lastEventId}),
 * and hands each event arriving from any replica to the event loops that hold connections ({@link FeedLoop}),
 * which deliver it to those whose viewer may see it.
 */
@ApplicationScoped
public class FeedHub {

    private static final Logger LOG = Logger.getLogger(FeedHub.class);
    /** Closed when the access token expires; the client reconnects with a fresh one and its last event id. */
    static final CloseReason TOKEN_EXPIRED = new CloseReason(4401, "token expired");
    /** Closed when the account's access ended; the same code, as the client does the same (refresh, reconnect). */
    static final CloseReason ACCESS_ENDED = new CloseReason(4401, "access ended");

    private static final String RELOAD = new JsonObject().put("type", "reload").encode();

    private final Map<String, FeedSession> sessions = new ConcurrentHashMap<>();
    private final Map<EventLoop, FeedLoop> loops = new ConcurrentHashMap<>();
    private final Map<String, Long> expiryTimers = new ConcurrentHashMap<>();
    private final Pool pool;
    private final EventRepository events;
    private final NotifyConfig config;
    private final io.vertx.core.Vertx vertx;
    private final OpenConnections connections;
    private final Counter stalled;
    private final Counter reloads;

    public FeedHub(Pool pool, EventRepository events, NotifyConfig config, io.vertx.core.Vertx vertx,
                   OpenConnections connections, MeterRegistry meters) {
        this.pool = pool;
        this.events = events;
        this.config = config;
        this.vertx = vertx;
        this.connections = connections;
        Gauge.builder("gridgov.feed.connections", sessions, Map::size)
                .description("Open realtime feed connections on this replica").register(meters);
        stalled = Counter.builder("gridgov.feed.stalled.closes")
                .description("Feed connections closed with 4408: their frames stayed unread").register(meters);
        reloads = Counter.builder("gridgov.feed.reloads")
                .description("Reload messages sent instead of events (too much missed to replay)").register(meters);
    }

    /**
     * Registers the connection (holding live events), replays from {@code lastEventId} if given, then goes
     * live. The session is registered on its event loop before the replay is read, so an event committed
     * after the replay's snapshot is delivered live (and one in both is sent once).
     */
    public Uni<Void> open(WebSocketConnection connection, Channel channel, FeedViewer viewer, Long lastEventId) {
        FeedLoop loop = loops.computeIfAbsent(channel.eventLoop(),
                l -> new FeedLoop(l, config.feedBatchInterval()));
        FeedSession session = new FeedSession(connection, channel, viewer, config.feedStallTimeout(), stalled);
        sessions.put(connection.id(), session);
        // the token's expiry is checked against the system clock by the JWT library, so it is here too
        long untilExpiry = viewer.expiresAt().toEpochMilli() - System.currentTimeMillis();
        long timer = vertx.setTimer(Math.max(untilExpiry, 1), id -> connection.close(TOKEN_EXPIRED)
                .subscribe().with(ok -> { }, e -> { }));
        expiryTimers.put(connection.id(), timer);
        loop.execute(() -> {
            loop.add(session);
            if (lastEventId == null) {
                session.replayDone();
            } else {
                replay(loop, session, viewer, lastEventId);
            }
        });
        return Uni.createFrom().voidItem();
    }

    private void replay(FeedLoop loop, FeedSession session, FeedViewer viewer, long lastEventId) {
        int limit = config.replayLimit();
        Uni<List<IncidentEvent>> read = events.since(pool, lastEventId, config.replayOverlap(), viewer, limit + 1);
        read.subscribe().with(missed -> loop.execute(() -> {
            if (missed.size() > limit) {
                reloads.increment();
                session.control(RELOAD);
            } else {
                missed.forEach(session::replay);
            }
            session.replayDone();
        }), e -> loop.execute(() -> {
            LOG.warnf("feed replay failed: %s", e.toString());
            reloads.increment();
            session.control(RELOAD);
            session.replayDone();
        }));
    }

    public void close(WebSocketConnection connection) {
        FeedSession session = sessions.remove(connection.id());
        if (session != null) {
            loops.get(session.channel().eventLoop()).remove(session);
        }
        Long timer = expiryTimers.remove(connection.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** An event from any replica: encoded once, to every event loop that holds connections. */
    public void publish(IncidentEvent event) {
        if (loops.isEmpty()) {
            return;
        }
        FeedFrame frame = FeedFrame.of(event);
        for (FeedLoop loop : loops.values()) {
            loop.offer(frame);
        }
    }

    /** To every connection of this replica: {@code {"type":"reload"}} (events were missed beyond replaying). */
    public void reloadAll() {
        reloads.increment(sessions.size());
        FeedFrame reload = FeedFrame.control(RELOAD);
        for (FeedLoop loop : loops.values()) {
            loop.offer(reload);
        }
    }

    /**
     * Closes this replica's connections of {@code userId} with 4401 (its access ended: disabled, roles changed,
     * logged out); the client refreshes its token, which fails if the account may no longer connect.
     */
    public void closeAccount(long userId) {
        for (WebSocketConnection connection : connections) {
            FeedViewer viewer = connection.userData().get(FeedAuth.VIEWER);
            if (viewer != null && viewer.userId() == userId) {
                connection.close(ACCESS_ENDED).subscribe().with(ok -> { }, e -> { });
            }
        }
    }

    /** How many connections this replica holds (health, tests). */
    public int size() {
        return sessions.size();
    }
}
