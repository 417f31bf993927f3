package cn.gridgov.notify.feed;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A feed client for tests (and the two-replica proof): connects like the mini program (header) or a browser (ticket), and keeps every event. */
public final class FeedClient implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final Semaphore pings = new Semaphore(0);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private FeedClient() {
    }

    /** Connects with the token in an {@code Authorization} header (as {@code wx.connectSocket} does). */
    public static FeedClient withHeader(URI feed, String token) {
        return open(feed, token, true);
    }

    /**
     * Connects as a browser does: trades the token for a one-time ticket ({@code POST /api/v1/feed/tickets}) and
     * connects with {@code ?ticket=}.
     */
    public static FeedClient withTicket(URI feed, String token) {
        return open(feed, ticket(feed, token), false);
    }

    /** A fresh feed ticket for {@code token}, from the server of {@code feed}. */
    public static String ticket(URI feed, String token) {
        URI tickets = URI.create(feed.toString().replaceFirst("^ws", "http").replaceFirst("\\?.*$", "") + "/tickets");
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(tickets)
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("no ticket: " + answer.statusCode() + " " + answer.body());
            }
            return new JsonObject(answer.body()).getString("ticket");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Connects with a ticket already taken (a second use of one is refused). */
    public static FeedClient withTicketValue(URI feed, String ticket) {
        return open(feed, ticket, false);
    }

    /** Connects with these request headers (the credential among them). */
    public static FeedClient withHeaders(URI feed, Map<String, String> headers) {
        FeedClient client = new FeedClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(feed, client).orTimeout(15, TimeUnit.SECONDS).join();
        return client;
    }

    private static FeedClient open(URI feed, String credential, boolean header) {
        FeedClient client = new FeedClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        URI uri = feed;
        if (header) {
            builder.header("Authorization", "Bearer " + credential);
        } else {
            uri = URI.create(feed + (feed.getQuery() == null ? "?" : "&") + "ticket=" + credential);
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(15, TimeUnit.SECONDS).join();
        return client;
    }

    /** The ws:// address of the feed on {@code httpBase} (http://host:port), with an optional last event id. */
    public static URI feedUri(String httpBase, Long lastEventId) {
        String base = httpBase.replaceFirst("^http", "ws").replaceAll("/+$", "");
        return URI.create(base + "/api/v1/feed" + (lastEventId == null ? "" : "?lastEventId=" + lastEventId));
    }

    /** The server's pings (every second in tests): one proves the connection is open on its side too. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.release();
        webSocket.request(1);
        return null; // the JDK answers with a pong itself
    }

    /** Waits for the server's next ping. */
    public void awaitPing(Duration timeout) {
        try {
            if (!pings.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no ping within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    /** Waits for the server to close the connection and answers its close code. */
    public int awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(new JsonObject(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** Waits for the first event matching {@code wanted} (events before it are kept in {@link #seen()}). */
    public JsonObject await(Predicate<JsonObject> wanted, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            for (JsonObject e : seen) {
                if (wanted.test(e)) {
                    return e;
                }
            }
        }
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                List<JsonObject> all = seen();
                throw new AssertionError("no matching event within " + timeout + "; received " + all.size()
                        + ", the last ones: " + all.subList(Math.max(0, all.size() - 5), all.size()));
            }
            JsonObject e;
            try {
                e = received.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
            if (e == null) {
                continue;
            }
            synchronized (seen) {
                seen.add(e);
            }
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    /** The events of one incident received so far (after draining what has arrived). */
    public List<JsonObject> about(long incidentId) {
        drain();
        synchronized (seen) {
            return seen.stream().filter(e -> e.getLong("incidentId", -1L) == incidentId).toList();
        }
    }

    /** Every event received so far. */
    public List<JsonObject> seen() {
        drain();
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void drain() {
        List<JsonObject> more = new ArrayList<>();
        received.drainTo(more);
        synchronized (seen) {
            seen.addAll(more);
        }
    }

    public static Predicate<JsonObject> event(long incidentId, String type) {
        return e -> e.getLong("incidentId", -1L) == incidentId && type.equals(e.getString("type"));
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
