package cn.gridgov.notify;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One open feed connection, used only on its channel's event loop (so it needs no lock). Frames are written
 * to the channel and flushed once per batch: a connection that has several events waiting gets them in one
 * write. While the events it missed are replayed, live events are held back and sent after the replay (those
 * the replay already sent are dropped), so a reconnecting client gets each event once and in order.
 */
final class FeedSession {

    /** Closed when it stops reading: the client reconnects with its last event id and is replayed the rest. */
    static final CloseReason TOO_SLOW = new CloseReason(4408, "client too slow; reconnect with lastEventId");

    private final WebSocketConnection connection;
    private final Channel channel;
    private final FeedViewer viewer;
    private List<FeedFrame> held = new ArrayList<>();
    private Set<Long> replayed = new HashSet<>();
    private boolean unflushed;
    private boolean closing;

    FeedSession(WebSocketConnection connection, Channel channel, FeedViewer viewer) {
        this.connection = connection;
        this.channel = channel;
        this.viewer = viewer;
    }

    Channel channel() {
        return channel;
    }

    /** A live event: written if this viewer may see it (not flushed: see {@link #flush()}). */
    void live(FeedFrame frame) {
        if (!viewer.sees(frame.event())) {
            return;
        }
        if (held != null) {
            held.add(frame);
            return;
        }
        write(frame.json());
    }

    /** A missed event, during the replay. */
    void replay(IncidentEvent event) {
        replayed.add(event.id());
        write(FeedFrame.of(event).json());
    }

    /** A control message ({@code {"type":"reload"}}: too much was missed to replay). */
    void control(String json) {
        write(FeedFrame.encode(json));
    }

    /** Ends the replay: the live events that arrived meanwhile follow. */
    void replayDone() {
        for (FeedFrame f : held) {
            if (!replayed.contains(f.event().id())) {
                write(f.json());
            }
        }
        held = null;
        replayed = null;
        flush();
    }

    /** Sends what was written since the last flush, in one system call for all of it. */
    void flush() {
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    private void write(ByteBuf json) {
        if (closing || !channel.isActive() || connection.isClosed()) {
            return;
        }
        if (!channel.isWritable()) {
            // its unread frames fill the send buffer: rather than hold ever more of them, let it reconnect
            closing = true;
            connection.close(TOO_SLOW).subscribe().with(ok -> { }, e -> { });
            return;
        }
        // the frame shares the event's bytes with every other connection's frame
        channel.write(new TextWebSocketFrame(json.duplicate()), channel.voidPromise());
        unflushed = true;
    }

    /** An event with its JSON encoded once, for all connections. */
    record FeedFrame(IncidentEvent event, ByteBuf json) {

        static FeedFrame of(IncidentEvent event) {
            return new FeedFrame(event, encode(event.toJson().encode()));
        }

        /** Unreleasable: each write takes a duplicate, and the garbage collector frees the bytes. */
        static ByteBuf encode(String json) {
            return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
