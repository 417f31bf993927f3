import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sustained mixed load of issue 15 §4 (bench/load/run.sh): an open model, each operation sent at its own fixed
 * rate whatever the answers take (a slow answer never delays the next request), for a warm-up and then the measured
 * minutes. Only JDK classes, run as {@code java bench/load/LoadDriver.java --key=value ...}.
 *
 * <ul>
 *   <li>locate: {@code GET /api/v1/regions/locate} at a point of the points file, as the grid worker;</li>
 *   <li>list: the community's open incidents, {@code GET /api/v1/incidents?status=…&limit=20}, as its admin;</li>
 *   <li>report: {@code POST /api/v1/incidents} by the grid worker in their community, a share of them after an upload
 *       ({@code POST /api/v1/media}, one JPEG made here) attached to it;</li>
 *   <li>transition: the driver's own reports walked through the handling loop, one step a tick (ACCEPT, DISPATCH to
 *       the worker, START, RESOLVE, VERIFY_PASS; the admin dispatches and verifies, the worker handles);</li>
 *   <li>feed: WebSocket clients on {@code /api/v1/feed} as the community admin; every event they receive is a sample
 *       whose latency is its arrival time minus its {@code at} (taken in the transaction, same machine clock).</li>
 * </ul>
 * Every request's latency is measured from the moment it was due (so a stalled server shows as latency, not as
 * fewer requests) and written to {@code samples.csv} ({@code op,t_ms,latency_us,status}; t from the measured start,
 * status 0 for a failure without an answer). The server's resident memory and CPU time are read from
 * {@code /proc/<pid>} every 5 s into {@code memory.csv}. Random choices come from a fixed seed.
 */
public final class LoadDriver {

    private static final Pattern FIRST_ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final Pattern MEDIA_ID = Pattern.compile("^\\{\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    private static final Pattern EVENT_ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    /** The next step of the handling loop from each state, and whether the community admin (else the worker) takes it. */
    private static final Map<String, String> NEXT = Map.of("REPORTED", "ACCEPT", "ACCEPTED", "DISPATCH",
            "DISPATCHED", "START", "IN_PROGRESS", "RESOLVE", "RESOLVED", "VERIFY_PASS");
    private static final List<String> STEPS = List.of("REPORTED", "ACCEPTED", "DISPATCHED", "IN_PROGRESS", "RESOLVED");
    private static final List<String> BY_ADMIN = List.of("ACCEPT", "DISPATCH", "VERIFY_PASS");

    private final Map<String, String> opts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
    /**
     * The driver's incidents waiting for their next step, the furthest along first (then the oldest): reports come
     * five times as often as a loop's steps can follow them at equal rates, so loops are finished before new ones start
     * and the unaccepted reports pile up, as they would at a desk that cannot keep up.
     */
    private final PriorityBlockingQueue<Handled> ready = new PriorityBlockingQueue<>(64,
            Comparator.comparingInt((Handled h) -> -STEPS.indexOf(h.status())).thenComparingLong(Handled::seq));
    private final AtomicLong queued = new AtomicLong();
    private final ConcurrentLinkedQueue<WebSocket> feeds = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, Integer> errorsShown = new ConcurrentHashMap<>();
    /** One generator per operation, from the seed: each operation's ticks run one at a time, so its choices repeat. */
    private final Random locateRandom;
    private final Random reportRandom;
    private final List<double[]> points;
    private final List<double[]> reportPoints;
    private final List<String> categories;
    private final byte[] photo;
    private final PrintWriter samples;
    private final PrintWriter errors;
    private volatile String workerToken;
    private volatile String adminToken;
    /** System.nanoTime() of the measured start and end; requests due outside them (the warm-up) are not written. */
    private volatile long measuredFrom;
    private volatile long measuredTo = Long.MAX_VALUE;
    private final AtomicLong inFlight = new AtomicLong();
    private Duration timeout;
    private volatile boolean stopping;

    /** One of the driver's incidents waiting for its next step. */
    private record Handled(long id, int version, String status, long seq) {
    }

    private LoadDriver(Map<String, String> opts) throws IOException {
        this.opts = opts;
        this.base = opts.get("base").replaceAll("/+$", "");
        long seed = Long.parseLong(opts.getOrDefault("seed", "1515"));
        this.locateRandom = new Random(seed);
        this.reportRandom = new Random(seed + 1);
        this.points = points(opts.get("points"));
        this.reportPoints = points(opts.getOrDefault("report-points", opts.get("points")));
        this.categories = List.of(opts.get("categories").split(","));
        if (points.isEmpty() || reportPoints.isEmpty() || categories.isEmpty()) {
            throw new IllegalArgumentException("no points or no categories");
        }
        this.photo = photo(Integer.parseInt(opts.getOrDefault("photo-width", "1600")),
                Integer.parseInt(opts.getOrDefault("photo-height", "1200")), seed);
        Path out = Path.of(opts.get("out"));
        Files.createDirectories(out);
        this.samples = new PrintWriter(new BufferedWriter(Files.newBufferedWriter(out.resolve("samples.csv")), 1 << 16));
        this.errors = new PrintWriter(Files.newBufferedWriter(out.resolve("errors.txt")), true);
        samples.println("op,t_ms,latency_us,status");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --key=value: " + a);
            }
            opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        System.exit(new LoadDriver(opts).run());
    }

    private int run() throws Exception {
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "60"));
        int seconds = Integer.parseInt(opts.get("seconds"));
        timeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "30")));
        login();
        counters.put("photo.bytes", new AtomicLong(photo.length));
        long pid = Long.parseLong(opts.get("pid"));
        PrintWriter memory = new PrintWriter(Files.newBufferedWriter(Path.of(opts.get("out"), "memory.csv")), true);
        memory.println("t_ms,rss_kb,cpu_ms,heap_used_kb,heap_live_kb");
        int feedClients = connectFeeds(Integer.parseInt(opts.getOrDefault("feed-clients", "0"))).size();
        long start = System.nanoTime();
        measuredFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        log("warm-up " + warmup + " s, then " + seconds + " s measured; " + feedClients + " feed clients");
        every(rate("locate-rate"), this::locate);
        every(rate("list-rate"), this::list);
        every(rate("report-rate"), this::report);
        every(rate("transition-rate"), this::transition);
        ticks.scheduleAtFixedRate(() -> sampleServer(pid, memory), 0, 5, TimeUnit.SECONDS);
        // access tokens last 15 minutes: log in again every 10, as a client refreshes
        long relogin = Long.parseLong(opts.getOrDefault("relogin-seconds", "600"));
        ticks.scheduleAtFixedRate(this::loginQuietly, relogin, relogin, TimeUnit.SECONDS);
        long end = measuredFrom + TimeUnit.SECONDS.toNanos(seconds);
        measuredTo = end;
        long lastLog = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(60)) {
                lastLog = System.nanoTime();
                log("at " + TimeUnit.NANOSECONDS.toSeconds(lastLog - start) + " s: " + counters);
            }
        }
        ticks.shutdownNow();
        sampleServer(pid, memory);
        // the answers still on their way are waited for (each request times out after --timeout): a request due in
        // the measured minutes is a sample whenever its answer comes
        long waitUntil = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        counters.put("in-flight.unanswered-at-the-end", new AtomicLong(inFlight.get()));
        stopping = true;
        for (WebSocket ws : feeds) {
            ws.abort();
        }
        synchronized (samples) {
            samples.flush();
            samples.close();
        }
        memory.close();
        try (PrintWriter c = new PrintWriter(Files.newBufferedWriter(Path.of(opts.get("out"), "counters.txt")))) {
            counters.forEach((k, v) -> c.println(k + "=" + v.get()));
        }
        log("done: " + counters);
        return 0;
    }

    // ------------------------------------------------------------------ the operations

    private void locate(long due) {
        double[] p = pick(points, locateRandom);
        send("locate", due, get("/api/v1/regions/locate?lng=" + p[0] + "&lat=" + p[1] + "&coordType=wgs84", workerToken));
    }

    private void list(long due) {
        send("list", due, get(opts.get("list-path"), adminToken));
    }

    private void report(long due) {
        double share = Double.parseDouble(opts.getOrDefault("photo-share", "0.5"));
        boolean withPhoto = reportRandom.nextDouble() < share;
        double[] p = pick(reportPoints, reportRandom);
        String category = pick(categories, reportRandom);
        long n = count("report.sent");
        if (!withPhoto) {
            postReport(due, n, p, category, null);
            return;
        }
        String boundary = "gridgov-load-" + n;
        ByteArrayOutputStream body = new ByteArrayOutputStream(photo.length + 300);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"load-" + n
                + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/api/v1/media?coordType=wgs84")).timeout(timeout)
                .header("Authorization", "Bearer " + workerToken)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        send("upload", due, upload).thenAccept(r -> {
            Matcher m = r == null || r.statusCode() != 201 ? null : MEDIA_ID.matcher(r.body());
            if (m != null && m.find()) {
                postReport(System.nanoTime(), n, p, category, m.group(1));
            }
        });
    }

    private void postReport(long due, long n, double[] p, String category, String mediaId) {
        String json = "{\"categoryCode\":\"" + category + "\",\"description\":\"持续负载上报 " + opts.get("run") + "-" + n
                + "\",\"location\":{\"lng\":" + p[0] + ",\"lat\":" + p[1] + ",\"coordType\":\"wgs84\"},\"mediaIds\":["
                + (mediaId == null ? "" : "\"" + mediaId + "\"") + "],\"selfResolved\":false}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents")).timeout(timeout)
                .header("Authorization", "Bearer " + workerToken).header("Content-Type", "application/json")
                .header("Idempotency-Key", "load-" + opts.get("run") + "-" + n)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        send("report", due, request).thenAccept(r -> {
            if (r != null && r.statusCode() == 201) {
                count(mediaId == null ? "report.made" : "report.made.photo");
                queue(r.body());
            }
        });
    }

    private void transition(long due) {
        Handled h = ready.poll();
        if (h == null) {
            count("transition.none-ready"); // no incident waits for a step at this tick: not a request, not an error
            return;
        }
        String action = NEXT.get(h.status());
        String json = "{\"action\":\"" + action + "\",\"version\":" + h.version()
                + ("DISPATCH".equals(action) ? ",\"assigneeId\":" + opts.get("worker-id") : "")
                + ("RESOLVE".equals(action) ? ",\"comment\":\"已处理（持续负载）\"" : "") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents/" + h.id() + "/transitions")).timeout(timeout)
                .header("Authorization", "Bearer " + (BY_ADMIN.contains(action) ? adminToken : workerToken))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        send("transition", due, request).thenAccept(r -> {
            if (r != null && r.statusCode() == 200) {
                count("transition." + action);
                queue(r.body());
            }
        });
    }

    /** Queues an incident answered by a report or a step for its next step, unless the loop is done (CLOSED). */
    private void queue(String incidentJson) {
        Matcher id = FIRST_ID.matcher(incidentJson);
        Matcher version = VERSION.matcher(incidentJson);
        Matcher status = STATUS.matcher(incidentJson);
        if (id.find() && version.find() && status.find() && NEXT.containsKey(status.group(1))) {
            ready.add(new Handled(Long.parseLong(id.group(1)), Integer.parseInt(version.group(1)), status.group(1),
                    queued.incrementAndGet()));
        } else if (status.find(0) && "CLOSED".equals(status.group(1))) {
            count("transition.closed-loops");
        }
    }

    // ------------------------------------------------------------------ the feed clients

    private List<WebSocket> connectFeeds(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            feeds.add(connectFeed(null, new LinkedHashSet<>()).get(30, TimeUnit.SECONDS));
        }
        return List.copyOf(feeds);
    }

    private CompletableFuture<WebSocket> connectFeed(Long lastEventId, LinkedHashSet<Long> received) {
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/feed"
                + (lastEventId == null ? "" : "?lastEventId=" + lastEventId));
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + adminToken)
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new FeedListener(lastEventId, received));
    }

    /** Reconnects after a token expiry, three tries a second apart (the server may not have freed the old slot yet). */
    private void reconnectFeed(Long lastEventId, LinkedHashSet<Long> received, int triesLeft) {
        connectFeed(lastEventId, received).whenComplete((socket, e) -> {
            if (e == null) {
                feeds.add(socket);
            } else if (triesLeft > 1 && !stopping) {
                count("feed.reconnect-retries");
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> reconnectFeed(lastEventId, received, triesLeft - 1));
            } else if (!stopping) {
                long now = System.nanoTime();
                record("feed", now, now, 0);
                Throwable cause = e.getCause() == null ? e : e.getCause();
                firstErrors("feed", "reconnecting: " + cause + (cause instanceof WebSocketHandshakeException h
                        ? " " + h.getResponse().statusCode() + " " + h.getResponse().body() : ""));
            }
        });
    }

    /**
     * One feed client: each event is a sample "feed" (arrival − at). When its token expires (4401, after 15 minutes)
     * it reconnects with the driver's fresh token and its last event id, as the mini program does; any other close
     * before the end is an error.
     */
    private final class FeedListener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile Long lastEventId;

        /** The ids this client received, oldest first (the last 5,000), handed on to its reconnection. */
        private final LinkedHashSet<Long> received;

        FeedListener(Long lastEventId, LinkedHashSet<Long> received) {
            this.lastEventId = lastEventId;
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                long nanos = System.nanoTime();
                Matcher id = EVENT_ID.matcher(text);
                boolean seen = false;
                if (id.find()) {
                    long eventId = Long.parseLong(id.group(1));
                    // a replay after a reconnect re-sends some events the client has: dropped, as the mini program does
                    // (ids commit out of order across incidents: the ids received are remembered, not only the last)
                    seen = !received.add(eventId);
                    if (seen) {
                        count("feed.replayed-duplicates-dropped");
                    } else {
                        lastEventId = lastEventId == null ? eventId : Math.max(lastEventId, eventId);
                        if (received.size() > 5000) {
                            received.remove(received.iterator().next());
                        }
                    }
                }
                Matcher at = AT.matcher(text);
                if (!seen && at.find()) {
                    long latencyMs = now - OffsetDateTime.parse(at.group(1)).toInstant().toEpochMilli();
                    record("feed", nanos - TimeUnit.MILLISECONDS.toNanos(latencyMs), nanos, 200);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (!stopping && statusCode == 4401) {
                count("feed.reconnects-after-token-expiry");
                reconnectFeed(lastEventId, received, 3);
            } else if (!stopping) {
                long now = System.nanoTime();
                record("feed", now, now, 0);
                firstErrors("feed", "closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (!stopping) {
                long now = System.nanoTime();
                record("feed", now, now, 0);
                firstErrors("feed", error.toString());
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** Calls {@code op} with its due time {@code rate} times a second, from now; due times do not drift. */
    private void every(double rate, java.util.function.LongConsumer op) {
        if (rate <= 0) {
            return;
        }
        long period = (long) (1e9 / rate);
        long t0 = System.nanoTime();
        AtomicLong k = new AtomicLong();
        ticks.scheduleAtFixedRate(() -> {
            if (stopping) {
                return;
            }
            try {
                op.accept(t0 + k.getAndIncrement() * period);
            } catch (RuntimeException e) {
                firstErrors("driver", e.toString());
            }
        }, 0, period, TimeUnit.NANOSECONDS);
    }

    private CompletableFuture<HttpResponse<String>> send(String op, long due, HttpRequest request) {
        inFlight.incrementAndGet();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            inFlight.decrementAndGet();
            long now = System.nanoTime();
            int status = r == null ? 0 : r.statusCode();
            record(op, due, now, status);
            if (status == 0 || status >= 400) {
                firstErrors(op, r == null ? String.valueOf(e) : status + " " + r.body());
            }
            return r;
        });
    }

    private void record(String op, long due, long done, int status) {
        if (due < measuredFrom || due >= measuredTo || stopping) {
            return;
        }
        String line = op + "," + TimeUnit.NANOSECONDS.toMillis(due - measuredFrom) + ","
                + TimeUnit.NANOSECONDS.toMicros(done - due) + "," + status;
        synchronized (samples) {
            samples.println(line);
        }
    }

    private void firstErrors(String op, String what) {
        count(op + ".errors");
        if (errorsShown.merge(op, 1, Integer::sum) <= 5) {
            errors.println(op + ": " + what.replace('\n', ' '));
        }
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
    }

    private double rate(String key) {
        return Double.parseDouble(opts.getOrDefault(key, "0"));
    }

    private long count(String key) {
        return counters.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static List<double[]> points(String file) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] p = line.split(",");
            if (p.length == 2) {
                out.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
            }
        }
        return out;
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private void sampleServer(long pid, PrintWriter memory) {
        try {
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticksUsed = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime (fields 14, 15)
            long t = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - measuredFrom);
            long[] heap = heap();
            memory.println(t + "," + rss + "," + ticksUsed * 1000 / Long.parseLong(opts.getOrDefault("clk-tck", "100"))
                    + "," + heap[0] + "," + heap[1]);
        } catch (IOException | RuntimeException e) {
            firstErrors("server", "cannot read /proc/" + pid + ": " + e);
        }
    }

    /**
     * The JVM heap in use and its live data after the last collection (what a leak makes grow), in KiB, from the
     * server's Prometheus metrics on the management port; -1 when they cannot be read.
     */
    private long[] heap() {
        long used = 0;
        long live = -1;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(opts.get("metrics")))
                    .timeout(Duration.ofSeconds(4)).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                    live = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return new long[] {used / 1024, live < 0 ? -1 : live / 1024};
        } catch (IOException | RuntimeException e) {
            firstErrors("metrics", e.toString());
            return new long[] {-1, -1};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {-1, -1};
        }
    }

    private void login() throws Exception {
        workerToken = token(opts.get("worker"), opts.get("worker-password"));
        adminToken = token(opts.get("admin"), opts.get("admin-password"));
    }

    private void loginQuietly() {
        try {
            login();
        } catch (Exception e) {
            firstErrors("login", e.toString());
        }
    }

    private String token(String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/staff/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return m.group(1);
    }

    /** A photo-like JPEG (a gradient with shapes and noise, so it compresses like a photo), the same for a seed. */
    static byte[] photo(int width, int height, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = r.nextInt(24);
                image.setRGB(x, y, new Color(Math.min(255, 60 + x * 120 / width + n), Math.min(255, 90 + y * 100 / height + n),
                        Math.min(255, 120 + n)).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(r.nextInt(width), r.nextInt(height), 20 + r.nextInt(width / 4), 20 + r.nextInt(height / 4));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static void log(String message) {
        System.err.printf("[load %tT] %s%n", System.currentTimeMillis(), message);
    }

}
