package cn.gridgov.notify.feed;

import cn.gridgov.notify.IncidentEvent;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One open feed connection, used only on its channel's event loop (so it needs no lock). Frames are written
 * to the Netty channel directly as the bytes {@link FeedFrame} encoded once for all connections (not through
 * websockets-next's {@code sendText}, so its traffic log does not show them) and flushed once per batch: a
 * connection that has several events waiting gets them in one write. A connection that negotiated compression
 * gets its frames through the pipeline's encoders instead, deflated per connection. While the events it missed are replayed, live events are held back and sent after the replay; live
 * events the replay already sent are dropped (for a while after it too, as their NOTIFY may come late).
 */
final class FeedSession {

    /** Closed when it stops reading: the client reconnects with its last event id and is replayed the rest. */
    static final CloseReason TOO_SLOW = new CloseReason(4408, "client too slow; reconnect with lastEventId");
    /** How long live events are checked against the replayed ones after the replay. */
    private static final long REPLAYED_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** A 4408 close frame waits behind the unread frames; if the client does not read them, the socket is cut. */
    private static final long CLOSE_GRACE_SECONDS = 10;

    private final WebSocketConnection connection;
    private final Channel channel;
    private final FeedViewer viewer;
    private final long stallNanos;
    private final Counter stalled;
    /** Failures need no listener (the channel closes and the endpoint's OnClose cleans up), nor a log line each. */
    private final VoidChannelPromise quietPromise;
    private List<FeedFrame> held = new ArrayList<>();
    private Set<Long> replayed = new HashSet<>();
    private long replayedUntil;
    private boolean unflushed;
    private long stalledSince = -1;
    private boolean closing;
    /** Whether a WebSocket extension (permessage-deflate) encodes this connection's frames; known at the first write. */
    private Boolean compresses;

    FeedSession(WebSocketConnection connection, Channel channel, FeedViewer viewer, Duration stallTimeout,
                Counter stalled) {
        this.connection = connection;
        this.stalled = stalled;
        this.channel = channel;
        this.viewer = viewer;
        this.stallNanos = stallTimeout.toNanos();
        this.quietPromise = new VoidChannelPromise(channel, false);
    }

    Channel channel() {
        return channel;
    }

    /** Live events, each written if this viewer may see it, then flushed in one write. */
    void live(List<FeedFrame> batch) {
        // whether the connection is open is asked once a batch: websockets-next's answer takes a lock
        if (closing || !channel.isActive() || connection.isClosed()) {
            return;
        }
        for (FeedFrame frame : batch) {
            live(frame);
        }
        flush();
    }

    private void live(FeedFrame frame) {
        if (frame.event() == null) {
            send(frame); // a control message, for everyone at once
            return;
        }
        if (!viewer.sees(frame.event())) {
            return;
        }
        if (held != null) {
            held.add(frame);
            return;
        }
        if (replayed != null) {
            if (System.nanoTime() - replayedUntil > 0) {
                replayed = null;
            } else if (replayed.contains(frame.event().id())) {
                return;
            }
        }
        send(frame);
    }

    /** A missed event, during the replay. */
    void replay(IncidentEvent event) {
        replayed.add(event.id());
        write(FeedFrame.of(event));
    }

    /** A control message ({@code {"type":"reload"}}: too much was missed to replay). */
    void control(String json) {
        write(FeedFrame.control(json));
    }

    /** Ends the replay: the live events that arrived meanwhile follow. */
    void replayDone() {
        for (FeedFrame f : held) {
            if (!replayed.contains(f.event().id())) {
                write(f);
            }
        }
        held = null;
        if (replayed.isEmpty()) {
            replayed = null;
        } else {
            replayedUntil = System.nanoTime() + REPLAYED_MEMORY_NANOS;
        }
        flush();
    }

    /** Sends what was written since the last flush, in one system call for all of it. */
    void flush() {
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    private void write(FeedFrame frame) {
        if (closing || !channel.isActive() || connection.isClosed()) {
            return;
        }
        send(frame);
    }

    /** Writes the frame, the connection known to be open; stops at a connection that stays unwritable. */
    private void send(FeedFrame frame) {
        if (closing) {
            return;
        }
        if (!channel.isWritable()) {
            // over Netty's high-water mark, perhaps only by this batch: hand the socket what it takes now
            unflushed = false;
            channel.flush();
        }
        if (channel.isWritable()) {
            stalledSince = -1;
        } else if (stalledSince < 0) {
            stalledSince = System.nanoTime();
        } else if (System.nanoTime() - stalledSince > stallNanos) {
            closeAsTooSlow();
            return;
        }
        if (compresses == null) {
            compresses = channel.pipeline().get(WebSocketExtensionEncoder.class) != null;
        }
        if (compresses) {
            // this client negotiated compression (browsers do): its frames are deflated with its own context
            channel.write(new TextWebSocketFrame(frame.payload()), quietPromise);
        } else {
            // the frame's bytes are shared with every other connection's: written as they are, past the encoder
            channel.write(frame.forWrite(), quietPromise);
        }
        unflushed = true;
    }

    /** Its frames have stayed unread for the stall timeout: rather than hold ever more of them, let it reconnect. */
    private void closeAsTooSlow() {
        closing = true;
        stalled.increment();
        connection.close(TOO_SLOW).subscribe().with(ok -> { }, e -> { });
        channel.eventLoop().schedule(() -> {
            if (channel.isActive()) {
                channel.close();
            }
        }, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }
}
