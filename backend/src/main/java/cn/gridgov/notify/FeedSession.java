package cn.gridgov.notify;

import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One open feed connection. While the events it missed are replayed, live events are held back and sent
 * after the replay (those the replay already sent are dropped), so a reconnecting client gets each event
 * once and in order. Sends are started under the session's lock, which keeps them in order.
 */
final class FeedSession {

    private static final Logger LOG = Logger.getLogger(FeedSession.class);

    private final WebSocketConnection connection;
    private final FeedViewer viewer;
    private List<IncidentEvent> held = new ArrayList<>();
    private Set<Long> replayed = new HashSet<>();

    FeedSession(WebSocketConnection connection, FeedViewer viewer) {
        this.connection = connection;
        this.viewer = viewer;
    }

    FeedViewer viewer() {
        return viewer;
    }

    /** A live event this viewer may see. */
    synchronized void live(IncidentEvent event, String json) {
        if (held != null) {
            held.add(event);
            return;
        }
        send(json);
    }

    /** A missed event, during the replay. */
    synchronized void replay(IncidentEvent event) {
        replayed.add(event.id());
        send(event.toJson().encode());
    }

    /** A control message ({@code {"type":"reload"}}: too much was missed to replay). */
    synchronized void control(String json) {
        send(json);
    }

    /** Ends the replay: the live events that arrived meanwhile follow. */
    synchronized void replayDone() {
        for (IncidentEvent e : held) {
            if (!replayed.contains(e.id())) {
                send(e.toJson().encode());
            }
        }
        held = null;
        replayed = null;
    }

    private void send(String json) {
        if (connection.isClosed()) {
            return;
        }
        connection.sendText(json).subscribe().with(ok -> {
        }, e -> LOG.debugf("feed event not delivered to %s: %s", connection.id(), e.getMessage()));
    }
}
