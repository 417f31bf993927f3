package cn.gridgov.notify.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The realtime feed under load (bench/realtime/run): N WebSocket clients spread over the replicas, transitions
 * at a steady rate through the API, and for every delivered event the time from its flow row's {@code at}
 * (taken inside the transaction, just before commit) to its arrival at the client, on the same machine clock.
 * Not a test: run by the script, prints a Markdown summary.
 */
public final class RealtimeBenchmark {

    private static final String DB = "gridgov_bench_realtime";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RealtimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int clients = Integer.parseInt(opt.getOrDefault("clients", "1000"));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "20"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "30"));
        int replicaCount = Integer.parseInt(opt.getOrDefault("replicas", "2"));
        int incidents = Integer.parseInt(opt.getOrDefault("incidents", "200"));

        ReplicaProcesses.freshDatabase(DB);
        try (ReplicaProcesses replicas = new ReplicaProcesses(DB)) {
            List<String> bases = new ArrayList<>();
            for (int i = 0; i < replicaCount; i++) {
                // schedulers off: only the transitions under test make events; every client is one admin on one
                // address, so the per-user and per-address feed caps are lifted to the client count, and one
                // resident reports every incident, so the report cap to the incident count
                bases.add(replicas.start("bench-" + i, Map.of("gridgov.supervision.enabled", "false",
                        "gridgov.notify.sender-enabled", "false", "quarkus.log.level", "WARN",
                        "gridgov.notify.feed-max-per-user", String.valueOf(clients),
                        "gridgov.notify.feed-max-per-address", String.valueOf(clients),
                        "gridgov.incident.reports-per-user", String.valueOf(incidents))));
            }
            for (int i = 0; i < bases.size(); i++) {
                ReplicaProcesses.awaitReady(bases.get(i), "bench-" + i, Duration.ofSeconds(180));
            }
            ReplicaTree t = ReplicaTree.create(DB, "bench-" + UUID.randomUUID());
            String admin = replicas.token(t.adminId, "STAFF", List.of("STAFF", "COMMUNITY_ADMIN"), t.community,
                    t.communityPath);
            String resident = replicas.token(t.residentId, "RESIDENT", List.of("RESIDENT"), null, null);

            long[] ids = new long[incidents];
            int[] versions = new int[incidents];
            for (int i = 0; i < incidents; i++) {
                ids[i] = report(bases.get(0), resident, t);
                expect(post(bases.get(0), "/api/v1/incidents/" + ids[i] + "/transitions", admin,
                        "{\"action\":\"ACCEPT\",\"version\":0}"), 200);
                versions[i] = 1;
            }

            Recorder recorder = new Recorder();
            // the clients are Netty connections on two event loops of their own (Vert.x's WebSocket client): the
            // load generator must cost far less than the server it measures, and shares its two cores
            Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            WebSocketClient socketClient = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(clients).setConnectTimeout(30_000));
            List<WebSocket> sockets = new ArrayList<>();
            long connectStart = System.nanoTime();
            for (int from = 0; from < clients; from += 100) {
                List<Future<WebSocket>> opening = new ArrayList<>();
                for (int i = from; i < Math.min(clients, from + 100); i++) {
                    opening.add(socketClient.connect(new WebSocketConnectOptions()
                            .setAbsoluteURI(FeedClient.feedUri(bases.get(i % bases.size()), null).toString())
                            .addHeader("Authorization", "Bearer " + admin)));
                }
                for (Future<WebSocket> f : opening) {
                    WebSocket socket = f.toCompletionStage().toCompletableFuture()
                            .get(60, TimeUnit.SECONDS);
                    socket.textMessageHandler(recorder::received);
                    sockets.add(socket);
                }
            }
            System.err.printf("%d clients connected in %d ms%n", sockets.size(),
                    (System.nanoTime() - connectStart) / 1_000_000);

            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger skipped = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean[] busy = new java.util.concurrent.atomic.AtomicBoolean[incidents];
            for (int i = 0; i < incidents; i++) {
                busy[i] = new java.util.concurrent.atomic.AtomicBoolean();
            }
            ConcurrentLinkedQueue<Long> requestMillis = new ConcurrentLinkedQueue<>();
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            AtomicReference<Duration> cpuFrom = new AtomicReference<>();
            String loadBefore = loadAverage();
            int total = (warmup + seconds) * rate;
            long periodMicros = 1_000_000L / rate;
            CompletableFuture<Void> done = new CompletableFuture<>();
            ticker.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                if (n >= total) {
                    done.complete(null);
                    return;
                }
                if (n == warmup * rate) {
                    cpuFrom.set(replicas.cpuTime());
                    measureFrom.set(System.currentTimeMillis());
                }
                int i = n % incidents;
                boolean measured = n >= warmup * rate;
                if (!busy[i].compareAndSet(false, true)) {
                    if (measured) {
                        skipped.incrementAndGet();
                    }
                    return;
                }
                int version = versions[i];
                String body = (version % 2 == 1)
                        ? "{\"action\":\"SUSPEND\",\"version\":" + version + ",\"comment\":\"压测\"}"
                        : "{\"action\":\"RESUME\",\"version\":" + version + "}";
                long start = System.nanoTime();
                HTTP.sendAsync(request(bases.get(n % bases.size()), "/api/v1/incidents/" + ids[i] + "/transitions",
                        admin, body), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                            if (e != null || r.statusCode() != 200) {
                                if (measured) {
                                    failed.incrementAndGet();
                                }
                            } else {
                                versions[i] = new io.vertx.core.json.JsonObject(r.body()).getInteger("version");
                                if (measured) {
                                    requestMillis.add((System.nanoTime() - start) / 1_000_000);
                                }
                            }
                            busy[i].set(false);
                        });
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            done.get(seconds + warmup + 60L, TimeUnit.SECONDS);
            ticker.shutdownNow();
            Thread.sleep(5_000);
            // the replicas' CPU over the measured window and the drain after it (before the clients close)
            double serverCpuSeconds = replicas.cpuTime().minus(cpuFrom.get()).toMillis() / 1000.0;
            String loadAfter = loadAverage();
            clientVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            recorder.printPerSecond(measureFrom.get());
            long[] latencies = recorder.latenciesSince(measureFrom.get());
            long[] requests = requestMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<Long, Integer> copies = recorder.copiesSince(measureFrom.get());
            long missing = copies.values().stream().mapToLong(c -> clients - c).sum();
            boolean everyEvent = missing == 0 && copies.size() >= requests.length;
            System.out.printf("| clients | replicas | rate | measured | transitions ok | failed | skipped (busy) | "
                    + "events received | p50 | p90 | p99 | max | HTTP p50 | HTTP p99 | events (distinct) "
                    + "| copies missing | server CPU | frames per server CPU-second |%n");
            System.out.printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n");
            System.out.printf("| %d | %d | %d/s | %d s | %d | %d | %d | %d | %d ms | %d ms | %d ms | %d ms | %d ms | %d ms "
                    + "| %d | %d | %.1f s | %.0f |%n",
                    clients, replicaCount, rate, seconds, requests.length, failed.get(), skipped.get(), latencies.length,
                    pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies.length == 0 ? -1
                            : latencies[latencies.length - 1], pct(requests, 50), pct(requests, 99), copies.size(),
                    missing, serverCpuSeconds, latencies.length / serverCpuSeconds);
            System.out.printf("%nEvery event delivered to every client: %s (%d events made in the measured window, "
                    + "%d seen, %d copies missing). Frames per server CPU-second: %.0f (%d frames, %.1f s of the "
                    + "replicas' CPU over the measured window and the 5 s drain, API work included). Load average "
                    + "before: %s; after: %s.%n", everyEvent ? "yes" : "NO", requests.length, copies.size(), missing,
                    latencies.length / serverCpuSeconds, latencies.length, serverCpuSeconds, loadBefore, loadAfter);
        }
    }

    /** Collects, for every event every client receives, its delivery latency and its commit-side time. */
    private static final class Recorder {
        private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();

        void received(String json) {
            long now = System.currentTimeMillis();
            String at = field(json, "at");
            if (at != null && json.contains("\"type\":\"transitioned\"")) {
                long commit = OffsetDateTime.parse(at).toInstant().toEpochMilli();
                samples.add(new long[] {commit, now - commit, Long.parseLong(number(json, "id"))});
            }
        }

        /** To standard error: each measured second's event count, p99 and max, to see when the tail happens. */
        void printPerSecond(long from) {
            java.util.TreeMap<Long, List<Long>> bySecond = new java.util.TreeMap<>();
            samples.stream().filter(s -> s[0] >= from)
                    .forEach(s -> bySecond.computeIfAbsent((s[0] - from) / 1000, k -> new ArrayList<>()).add(s[1]));
            bySecond.forEach((second, values) -> {
                long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
                System.err.printf("second %2d: %6d events, p50 %5d ms, p99 %5d ms, max %5d ms%n", second,
                        sorted.length, pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1]);
            });
        }

        /** How many clients received each event of the measured window, by event id. */
        Map<Long, Integer> copiesSince(long from) {
            Map<Long, Integer> out = new HashMap<>();
            samples.stream().filter(s -> s[0] >= from).forEach(s -> out.merge(s[2], 1, Integer::sum));
            return out;
        }

        long[] latenciesSince(long from) {
            return samples.stream().filter(s -> s[0] >= from).mapToLong(s -> s[1]).sorted().toArray();
        }
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"");
        if (i < 0) {
            return null;
        }
        int start = i + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String number(String json, String name) {
        int start = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(start, end);
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .trim().split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private static long report(String base, String token, ReplicaTree t) throws Exception {
        String body = "{\"categoryCode\":\"0101\",\"description\":\"压测事件\",\"location\":{\"lng\":" + t.lng
                + ",\"lat\":" + t.lat + ",\"coordType\":\"wgs84\"}}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        expect(r, 201);
        return new io.vertx.core.json.JsonObject(r.body()).getLong("id");
    }

    private static HttpRequest request(String base, String path, String token, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpResponse<String> post(String base, String path, String token, String json) throws Exception {
        return HTTP.send(request(base, path, token, json), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                out.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("options look like --clients=1000; got " + Arrays.toString(args));
            }
        }
        return out;
    }

}
