package cn.gridgov.notify;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's feed connections: opens them (replaying what a client missed since {@code lastEventId}),
 * and hands each event arriving from any replica to the connections whose viewer may see it.
 */
@ApplicationScoped
public class FeedHub {

    private static final Logger LOG = Logger.getLogger(FeedHub.class);
    /** Closed when the access token expires; the client reconnects with a fresh one and its last event id. */
    static final CloseReason TOKEN_EXPIRED = new CloseReason(4401, "token expired");

    private final Map<String, FeedSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Long> expiryTimers = new ConcurrentHashMap<>();
    private final Pool pool;
    private final EventRepository events;
    private final NotifyConfig config;
    private final io.vertx.core.Vertx vertx;

    public FeedHub(Pool pool, EventRepository events, NotifyConfig config, io.vertx.core.Vertx vertx) {
        this.pool = pool;
        this.events = events;
        this.config = config;
        this.vertx = vertx;
    }

    /** Registers the connection (holding live events), replays from {@code lastEventId} if given, then goes live. */
    public Uni<Void> open(WebSocketConnection connection, FeedViewer viewer, Long lastEventId) {
        FeedSession session = new FeedSession(connection, viewer);
        sessions.put(connection.id(), session);
        // the token's expiry is checked against the system clock by the JWT library, so it is here too
        long untilExpiry = viewer.expiresAt().toEpochMilli() - System.currentTimeMillis();
        long timer = vertx.setTimer(Math.max(untilExpiry, 1), id -> connection.close(TOKEN_EXPIRED)
                .subscribe().with(ok -> { }, e -> { }));
        expiryTimers.put(connection.id(), timer);
        if (lastEventId == null) {
            session.replayDone();
            return Uni.createFrom().voidItem();
        }
        int limit = config.replayLimit();
        return events.since(pool, lastEventId, viewer, limit + 1)
                .invoke(missed -> {
                    if (missed.size() > limit) {
                        session.control(new JsonObject().put("type", "reload").encode());
                    } else {
                        missed.forEach(session::replay);
                    }
                    session.replayDone();
                })
                .onFailure().invoke(e -> {
                    LOG.warnf("feed replay failed: %s", e.toString());
                    session.control(new JsonObject().put("type", "reload").encode());
                    session.replayDone();
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public void close(WebSocketConnection connection) {
        sessions.remove(connection.id());
        Long timer = expiryTimers.remove(connection.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** An event from any replica: to every local connection that may see it. */
    public void publish(IncidentEvent event) {
        String json = null;
        for (FeedSession session : sessions.values()) {
            if (session.viewer().sees(event)) {
                if (json == null) {
                    json = event.toJson().encode();
                }
                session.live(event, json);
            }
        }
    }

    /** How many connections this replica holds (health, tests). */
    public int size() {
        return sessions.size();
    }
}
