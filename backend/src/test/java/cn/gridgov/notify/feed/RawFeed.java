package cn.gridgov.notify.feed;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A feed client on a bare socket, for what a WebSocket library hides: it can stop reading for as long as a
 * test wants, then read the frames (unmasked, from the server) as they came.
 */
final class RawFeed implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final String handshake;

    private RawFeed(Socket socket, DataInputStream in, String handshake) {
        this.socket = socket;
        this.in = in;
        this.handshake = handshake;
    }

    /** One frame as it came: opcode, whether RSV1 (compressed, RFC 7692) is set, the payload. */
    record Frame(int opcode, boolean compressed, byte[] payload) {
    }

    /** The server's 101 answer, headers included. */
    String handshake() {
        return handshake;
    }

    /** What was read: how many text frames, and the close frame's code (-1 without one: ended, or the wanted frame). */
    record Frames(int texts, int closeCode) {
    }

    /**
     * Connects to {@code base} (an optional small receive buffer, set before connecting, keeps the TCP window
     * small), sends the upgrade request with the token as a header and optional WebSocket {@code extensions}
     * (as browsers offer permessage-deflate), and reads the 101 answer up to its blank line.
     */
    static RawFeed open(URI base, String token, String extensions, int receiveBuffer, int readTimeoutMillis)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(readTimeoutMillis);
            return upgrade(socket, base, token, extensions);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static RawFeed upgrade(Socket socket, URI base, String token, String extensions) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /api/v1/feed HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
                + "Authorization: Bearer " + token + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        String answer = head.toString(StandardCharsets.US_ASCII);
        if (!answer.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + answer);
        }
        return new RawFeed(socket, in, answer);
    }

    /** The next frame. */
    Frame next() throws IOException {
        int first = in.readUnsignedByte();
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, (first & 0x40) != 0, payload);
    }

    /** Reads frames until a close frame or the end of the stream. */
    Frames readUntilClose() throws IOException {
        return readUntil(0x8);
    }

    /** Reads frames until one with {@code opcode} (0x8 close, 0x9 ping), a close frame, or the end of the stream. */
    Frames readUntil(int wanted) throws IOException {
        int texts = 0;
        while (true) {
            Frame frame;
            try {
                frame = next();
            } catch (java.io.EOFException end) {
                return new Frames(texts, -1);
            }
            byte[] payload = frame.payload();
            if (frame.opcode() == 0x8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
                return new Frames(texts, code);
            }
            if (frame.opcode() == wanted) {
                return new Frames(texts, -1);
            }
            if (frame.opcode() == 0x1) {
                texts++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
