package cn.gridgov.proof.faults;

import cn.gridgov.common.time.Await;
import cn.gridgov.notify.feed.FeedClient;
import cn.gridgov.notify.feed.ReplicaProcesses;
import cn.gridgov.notify.feed.ReplicaTree;
import cn.gridgov.media.TestPhotos;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short fault proof (issue 15 §3), run by {@code ./gridgov test}: the packaged application in production mode
 * against its own database, reaching PostgreSQL and object storage through {@link ChaosProxy}s that the test cuts
 * and heals, and WeChat through a WireMock server. Each test waits for events (an answer, readiness, a row), never
 * for a fixed time, and leaves the instance running and its dependencies healed whatever the order.
 */
class FaultsIT {

    static final String DB = "gridgov_it_faults";
    /** How much larger the run is than the short version of ./gridgov test ({@code ./gridgov proof} sets 5). */
    private static final int SCALE = Integer.getInteger("gridgov.proof.scale", 1);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static WireMockServer wechat;
    private static ChaosProxy database;
    private static ChaosProxy storage;
    private static ReplicaProcesses replicas;
    private static Map<String, String> settings;
    private static String app;
    private static int started;

    @BeforeAll
    static void start() throws Exception {
        ReplicaProcesses.freshDatabase(DB);
        wechat = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wechat.start();
        stubWeChat(0);
        database = new ChaosProxy("postgresql", env("GRIDGOV_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env("GRIDGOV_DB_PORT", "5432")));
        URI s3 = URI.create(env("GRIDGOV_S3_ENDPOINT", "http://127.0.0.1:9000"));
        storage = new ChaosProxy("s3", s3.getHost(), s3.getPort());
        replicas = new ReplicaProcesses(DB);
        String url = "127.0.0.1:" + database.port() + "/" + DB;
        settings = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + url,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + url,
                "gridgov.s3.endpoint", "http://127.0.0.1:" + storage.port(),
                "gridgov.wechat.base-url", wechat.baseUrl(),
                "gridgov.notify.sender-interval", "1s",
                "gridgov.notify.sending-lease", "PT5S",
                "gridgov.notify.backoff", "PT1S",
                "gridgov.notify.max-backoff", "PT2S",
                "gridgov.notify.templates.transitioned", "tpl-faults-transitioned"));
        settings.put("gridgov.notify.templates.created", "tpl-faults-created");
        settings.put("gridgov.notify.max-attempts", "1000");
        settings.put("quarkus.log.category.\"cn.gridgov.media\".level", "DEBUG");
        app = startInstance();
    }

    @AfterAll
    static void stop() {
        if (replicas != null) {
            replicas.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {database, storage}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing anyway
            }
        }
        if (wechat != null) {
            wechat.stop();
        }
    }

    /**
     * PostgreSQL goes away in the middle of a stream of reports sent by clients that retry with their
     * Idempotency-Key until they get an answer: readiness goes down and comes back, and afterwards every
     * acknowledged report exists exactly once, with the id its client was given.
     */
    @Test
    void reportsAcknowledgedAcrossADatabaseOutageExistExactlyOnce() throws Exception {
        ReplicaTree t = ReplicaTree.create(DB, "faults-db-openid", 113.40, 36.20);
        String resident = replicas.token(t.residentId, "RESIDENT", List.of("RESIDENT"), null, null);
        t.locatableOn(resident, app);
        int clients = 3;
        int perClient = 15 * SCALE;
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        String key = "faults-db-" + t.residentId + "-" + client + "-" + i;
                        acknowledged.put(key, reportUntilAcknowledged(resident, t, key, "数据库中断测试 " + key, retries));
                    }
                    return null;
                }));
            }
            // SCALE outages, spread over the stream: each waits for readiness to go down, then for it to come back
            for (int outage = 1; outage <= SCALE; outage++) {
                int before = outage * clients * perClient / (SCALE + 2);
                Await.until("reports before outage " + outage, WAIT, () -> acknowledged.size() >= before);
                database.cut();
                try {
                    Await.until("readiness down while the database is away", WAIT, () -> readiness(app) == 503);
                } finally {
                    database.heal();
                }
                Await.until("readiness back", WAIT, () -> readiness(app) == 200);
            }
            for (Future<?> f : running) {
                f.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(clients * perClient, acknowledged.size());
        assertTrue(retries.get() > 0, "some requests met the outage and were retried");
        for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
            assertEquals(1, count("SELECT count(*) FROM incident WHERE description = ?", "数据库中断测试 " + e.getKey()),
                    "exactly one incident for " + e.getKey());
            assertEquals(e.getValue().longValue(), number("SELECT id FROM incident WHERE description = ?",
                    "数据库中断测试 " + e.getKey()), "the acknowledged id for " + e.getKey());
            assertEquals(1, count("SELECT count(*) FROM incident_flow f JOIN incident i ON i.id = f.incident_id "
                    + "WHERE i.description = ? AND f.action = 'REPORT'", "数据库中断测试 " + e.getKey()));
        }
    }

    /**
     * Object storage stopped: uploads answer 503 with a problem body and nothing is recorded; readiness says so;
     * after it returns uploads work again without restarting the application, and no incident refers to a photo
     * whose objects are missing.
     */
    @Test
    void uploadsAnswer503WhileStorageIsDownAndWorkAgainWithoutARestart() throws Exception {
        ReplicaTree t = ReplicaTree.create(DB, "faults-s3-openid", 113.90, 36.20);
        String resident = replicas.token(t.residentId, "RESIDENT", List.of("RESIDENT"), null, null);
        t.locatableOn(resident, app);
        long mediaBefore = count("SELECT count(*) FROM media WHERE uploader_id = ?", t.residentId);
        storage.cut();
        try {
            HttpResponse<String> refused = upload(resident);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(new JsonObject(refused.body()).getString("detail", "").matches(".*\\p{IsHan}.*"),
                    "a Chinese explanation: " + refused.body());
            assertEquals(mediaBefore, count("SELECT count(*) FROM media WHERE uploader_id = ?", t.residentId));
            Await.until("readiness down while storage is away", WAIT, () -> readiness(app) == 503);
        } finally {
            storage.heal();
        }
        Await.until("readiness back", WAIT, () -> readiness(app) == 200);
        HttpResponse<String> stored = upload(resident);
        assertEquals(201, stored.statusCode(), stored.body());
        String mediaId = new JsonObject(stored.body()).getString("id");
        JsonObject report = reportBody(t, "存储恢复后带照片的上报").put("mediaIds", List.of(mediaId));
        HttpResponse<String> reported = send("POST", app + "/api/v1/incidents", resident, report.encode(),
                "faults-s3-" + t.residentId);
        assertEquals(201, reported.statusCode(), reported.body());
        // every photo attached to an incident has its display copy in storage: fetched through its presigned URL
        JsonObject detail = new JsonObject(send("GET", app + "/api/v1/incidents/" + new JsonObject(reported.body())
                .getLong("id"), resident, null, null).body());
        String url = detail.getJsonArray("media").getJsonObject(0).getJsonObject("urls").getString("display");
        assertTrue(TestPhotos.download(url).length > 0);
    }

    /**
     * The application killed hard (SIGKILL) in the middle of reports and transitions while WeChat is busy, so that
     * subscribe messages wait in the outbox: no incident is half-written (each has its report flow row, each
     * remembered answer its incident), and after a restart every message that was waiting is delivered. A message
     * that a sender had already handed to WeChat when it died (SENDING) has an unknown outcome: by design it is
     * recorded FAILED after the lease rather than sent twice (a subscribe message spends the user's consent).
     */
    @Test
    void killedHardUnderLoadLeavesNoHalfWrittenIncidentAndWaitingMessagesAreSentAfterRestart() throws Exception {
        ReplicaTree t = ReplicaTree.create(DB, "faults-kill-openid", 114.40, 36.20);
        String resident = replicas.token(t.residentId, "RESIDENT", List.of("RESIDENT"), null, null);
        t.locatableOn(resident, app);
        String admin = replicas.token(t.adminId, "STAFF", List.of("STAFF", "COMMUNITY_ADMIN"), t.community,
                t.communityPath);
        stubWeChatBusy();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> load = pool.submit(() -> {
            for (int i = 0; i < 400; i++) {
                try {
                    HttpResponse<String> r = send("POST", app + "/api/v1/incidents", resident,
                            reportBody(t, "强制结束测试 " + i).encode(), "faults-kill-" + t.residentId + "-" + i);
                    if (r.statusCode() == 201) {
                        long id = new JsonObject(r.body()).getLong("id");
                        if (send("POST", app + "/api/v1/incidents/" + id + "/transitions", admin,
                                "{\"action\":\"ACCEPT\",\"version\":0}", null).statusCode() == 200) {
                            accepted.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    return null; // the application is gone
                }
            }
            return null;
        });
        try {
            Await.until("messages waiting for a busy WeChat", WAIT, () -> accepted.get() >= 5 && count("SELECT count(*) "
                    + "FROM notify_outbox o JOIN incident i ON i.id = o.incident_id WHERE i.reporter_id = ? "
                    + "AND o.state = 'PENDING' AND o.attempts > 0", t.residentId) > 0);
            replicas.kill(app);
            load.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, count("SELECT count(*) FROM incident i WHERE i.reporter_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM incident_flow f WHERE f.incident_id = i.id AND f.action = 'REPORT')", t.residentId),
                "every incident has its report row");
        assertEquals(0, count("SELECT count(*) FROM idempotency_key k WHERE k.key LIKE ? AND k.resource_id IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = k.resource_id)", "faults-kill-" + t.residentId + "-%"),
                "every remembered answer names an incident that exists");
        assertEquals(0, count("SELECT count(*) FROM incident i WHERE i.reporter_id = ? AND i.status = 'ACCEPTED' "
                + "AND NOT EXISTS (SELECT 1 FROM incident_flow f WHERE f.incident_id = i.id AND f.action = 'ACCEPT')",
                t.residentId), "every accepted incident has its acceptance row");
        List<Long> waiting = ids("SELECT o.id FROM notify_outbox o JOIN incident i ON i.id = o.incident_id "
                + "WHERE i.reporter_id = ? AND o.state = 'PENDING' ORDER BY o.id", t.residentId);
        assertTrue(!waiting.isEmpty(), "messages were waiting when the application died");

        stubWeChat(0);
        app = startInstance();
        Await.until("every waiting message delivered after the restart", WAIT, () -> count("SELECT count(*) FROM notify_outbox "
                + "WHERE id = ANY (?) AND state <> 'SENT'", (Object) waiting.toArray(new Long[0])) == 0);
        Await.until("no message left in flight", WAIT, () -> count("SELECT count(*) FROM notify_outbox o JOIN incident i "
                + "ON i.id = o.incident_id WHERE i.reporter_id = ? AND o.state IN ('PENDING', 'SENDING')",
                t.residentId) == 0);
    }

    /**
     * WeChat slow: a login waits no longer than the configured request timeout and answers 503 with a Chinese
     * explanation, and the instance stays ready; when WeChat answers again, logins work.
     */
    @Test
    void aSlowWeChatMakesLoginFailFastAndClearly() throws Exception {
        wechat.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/sns/jscode2session"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(60_000)
                        .withBody("{\"openid\":\"faults-slow\",\"session_key\":\"c2Vzc2lvbg==\"}")));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/api/v1/auth/wechat/login"))
                    .timeout(Duration.ofSeconds(45)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"faults-slow-code\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("WECHAT_UNAVAILABLE", new JsonObject(r.body()).getString("code"), r.body());
            assertTrue(new JsonObject(r.body()).getString("detail", "").matches(".*\\p{IsHan}.*"), r.body());
            assertEquals(200, readiness(app), "a slow WeChat does not make the instance unready");
        } finally {
            stubWeChat(0);
        }
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/api/v1/auth/wechat/login"))
                .timeout(Duration.ofSeconds(45)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"faults-fast-code\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
    }

    /**
     * One of two replicas killed while a feed client is connected to it: the client reconnects to the other with
     * the last event id it saw and receives every event it missed, including those made while it was away.
     */
    @Test
    void aFeedClientOfAKilledReplicaReconnectsToTheOtherAndMissesNothing() throws Exception {
        ReplicaTree t = ReplicaTree.create(DB, "faults-feed-openid", 114.90, 36.20);
        String resident = replicas.token(t.residentId, "RESIDENT", List.of("RESIDENT"), null, null);
        t.locatableOn(resident, app);
        String admin = replicas.token(t.adminId, "STAFF", List.of("STAFF", "COMMUNITY_ADMIN"), t.community,
                t.communityPath);
        String other = startInstance();
        long first;
        long lastSeen;
        try (FeedClient onApp = FeedClient.withHeader(FeedClient.feedUri(app, null), admin)) {
            first = reportUntilAcknowledged(resident, t, "faults-feed-" + t.residentId + "-0", "副本中断测试 0",
                    new AtomicInteger());
            JsonObject created = onApp.await(FeedClient.event(first, "created"), WAIT);
            lastSeen = created.getLong("id");
            replicas.kill(app);
        }
        // while the client is away, work goes on through the other replica
        List<Long> made = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            made.add(reportThrough(other, resident, t, "faults-feed-" + t.residentId + "-" + i, "副本中断测试 " + i));
        }
        HttpResponse<String> accepted = send("POST", other + "/api/v1/incidents/" + first + "/transitions", admin,
                "{\"action\":\"ACCEPT\",\"version\":0}", null);
        assertEquals(200, accepted.statusCode(), accepted.body());
        try (FeedClient onOther = FeedClient.withHeader(FeedClient.feedUri(other, lastSeen), admin)) {
            onOther.await(FeedClient.event(first, "transitioned"), WAIT);
            for (long id : made) {
                onOther.await(FeedClient.event(id, "created"), WAIT);
            }
        }
        app = other;
    }

    private static String startInstance() throws Exception {
        String name = "faults-" + (++started);
        String base = replicas.start(name, settings);
        ReplicaProcesses.awaitReady(base, name, Duration.ofSeconds(180));
        return base;
    }

    /** WeChat busy: every subscribe message answered with a system error, which the outbox retries later. */
    private static void stubWeChatBusy() {
        stubWeChat(0);
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).willReturn(aResponse().withStatus(200)
                .withBody("{\"errcode\":-1,\"errmsg\":\"system error\"}")));
    }

    private static void stubWeChat(int delayMillis) {
        wechat.resetAll();
        wechat.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/sns/jscode2session"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"openid\":\"faults-login-openid\",\"session_key\":\"c2Vzc2lvbg==\"}")));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"access_token\":\"faults-token\",\"expires_in\":7200}")));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(delayMillis).withBody("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":9}")));
    }

    /** Sends one report until the application answers it (201, or 200 for a replay), retrying with the same key. */
    private static long reportUntilAcknowledged(String token, ReplicaTree t, String key, String description,
                                                AtomicInteger retries) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            try {
                HttpResponse<String> r = send("POST", app + "/api/v1/incidents", token,
                        reportBody(t, description).encode(), key);
                if (r.statusCode() == 201 || r.statusCode() == 200) {
                    return new JsonObject(r.body()).getLong("id");
                }
                assertTrue(r.statusCode() >= 500 || r.statusCode() == 409,
                        "only unavailability or a concurrent retry is retried: " + r.statusCode() + " " + r.body());
            } catch (IOException e) {
                // the answer was lost: retry with the same key
            }
            retries.incrementAndGet();
            Thread.sleep(100);
        }
        throw new AssertionError("no answer for " + key + " within " + WAIT);
    }

    private static long reportThrough(String base, String token, ReplicaTree t, String key, String description)
            throws Exception {
        HttpResponse<String> r = send("POST", base + "/api/v1/incidents", token, reportBody(t, description).encode(), key);
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getLong("id");
    }

    private static JsonObject reportBody(ReplicaTree t, String description) {
        return new JsonObject().put("categoryCode", "0101").put("description", description)
                .put("location", new JsonObject().put("lng", t.lng).put("lat", t.lat).put("coordType", "wgs84"));
    }

    private static HttpResponse<String> send(String method, String url, String token, String json, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        if (json == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> upload(String token) throws IOException, InterruptedException {
        String boundary = "faults-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tmp_1.jpg\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TestPhotos.jpeg(64, 48));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(app + "/api/v1/media")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int readiness(String base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(ReplicaProcesses.management(base) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long count(String sql, Object... args) {
        return number(sql, args);
    }

    private static List<Long> ids(String sql, Object... args) {
        try (Connection c = ReplicaProcesses.connect(DB); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            List<Long> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(Connection c, PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i] instanceof Long[] array ? c.createArrayOf("bigint", array) : args[i]);
        }
    }

    private static long number(String sql, Object... args) {
        try (Connection c = ReplicaProcesses.connect(DB); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
