package cn.gridgov.notify.feed;

import io.netty.channel.Channel;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realtime feed ({@code /api/v1/feed}): events about incidents in the caller's scope (created,
 * transitioned, yellow, red, escalated) as JSON text frames. A client that reconnects with
 * {@code ?lastEventId=} (or a {@code Last-Event-ID} header) first receives what it missed.
 */
@WebSocket(path = "/api/v1/feed")
public class FeedEndpoint {

    private static final Pattern LAST_EVENT_ID = Pattern.compile("(?:^|&)lastEventId=(\\d{1,18})(?:&|$)");

    private final FeedHub hub;

    public FeedEndpoint(FeedHub hub) {
        this.hub = hub;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        FeedViewer viewer = connection.userData().get(FeedAuth.VIEWER);
        Channel channel = connection.userData().get(FeedAuth.CHANNEL);
        if (viewer == null || channel == null) {
            return connection.close();
        }
        return hub.open(connection, channel, viewer, lastEventId(connection));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.close(connection);
    }

    /** Clients have nothing to say; whatever they send (keep-alives) is ignored. */
    @OnTextMessage
    public void ignore(String message) {
        // keep-alive frames from clients need no answer
    }

    private static Long lastEventId(WebSocketConnection connection) {
        String header = connection.handshakeRequest().header("Last-Event-ID");
        if (header != null && header.trim().matches("\\d{1,18}")) {
            return Long.parseLong(header.trim());
        }
        String query = connection.handshakeRequest().query();
        if (query == null) {
            return null;
        }
        Matcher m = LAST_EVENT_ID.matcher(query);
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }
}
