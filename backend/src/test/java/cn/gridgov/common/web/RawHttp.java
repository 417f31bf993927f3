package cn.gridgov.common.web;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand, for what client libraries will not send: over-long request lines and headers,
 * and a chunked body that the test stops sending without ending it (so only a server that cuts it off answers).
 */
public final class RawHttp {

    /** An answer: status, the Content-Type and the body (read until the server closes or Content-Length). */
    public record Answer(int status, String contentType, String retryAfter, String body) {
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the empty line) and no body. */
    public static Answer send(String head) {
        return exchange(head + "\r\n\r\n", null, 0);
    }

    /**
     * Sends {@code head} with {@code Transfer-Encoding: chunked}, then {@code prefix} and {@code padding} bytes of
     * spaces in 8 KB chunks, and never the last chunk: the body is left open, as an endless one would be.
     */
    public static Answer chunked(String head, byte[] prefix, long padding) {
        return exchange(head + "\r\nTransfer-Encoding: chunked\r\n\r\n", prefix, padding);
    }

    private static Answer exchange(String head, byte[] prefix, long padding) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            if (prefix != null) {
                chunk(out, prefix);
                byte[] spaces = " ".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                for (long sent = 0; sent < padding; sent += spaces.length) {
                    chunk(out, spaces);
                }
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String contentType = null;
        String retryAfter = null;
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "retry-after" -> retryAfter = value;
                case "content-length" -> length = Integer.parseInt(value);
                default -> { }
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return new Answer(status, contentType, retryAfter, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed before the answer was complete: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
