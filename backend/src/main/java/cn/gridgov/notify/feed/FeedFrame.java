package cn.gridgov.notify.feed;

import cn.gridgov.notify.IncidentEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * An event (or, without one, a control message) as the bytes of a complete WebSocket text frame, encoded once
 * for every connection: a server's frames are not masked, so the same bytes are right for all of them, and
 * each connection's write is a view of them rather than a frame encoded again per connection.
 */
record FeedFrame(IncidentEvent event, ByteBuf wire, int payloadStart) {

    /** FIN and the text opcode: one whole message per frame. */
    private static final int FINAL_TEXT = 0x81;

    static FeedFrame of(IncidentEvent event) {
        return of(event, event.toJson().encode());
    }

    static FeedFrame control(String json) {
        return of(null, json);
    }

    private static FeedFrame of(IncidentEvent event, String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf wire = frame(payload);
        return new FeedFrame(event, wire, wire.readableBytes() - payload.length);
    }

    /** A view of the frame's bytes for one connection's write (the bytes themselves are shared). */
    ByteBuf forWrite() {
        return wire.duplicate();
    }

    /** A view of the JSON alone, for a connection whose frames the pipeline encodes (compression). */
    ByteBuf payload() {
        return wire.slice(payloadStart, wire.readableBytes() - payloadStart);
    }

    /** Unreleasable: each write takes a view, and the garbage collector frees the bytes. */
    private static ByteBuf frame(byte[] payload) {
        int length = payload.length;
        // direct, as the socket takes it: a heap buffer would be copied into a direct one at every connection's write
        ByteBuf frame = Unpooled.directBuffer(length + 10, length + 10);
        frame.writeByte(FINAL_TEXT);
        if (length < 126) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(payload);
        return Unpooled.unreleasableBuffer(frame);
    }
}
