package cn.gridgov.notify.feed;

import cn.gridgov.notify.NotifyConfig;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.incident.supervision.Supervisor;
import cn.gridgov.notify.EventListener;
import cn.gridgov.notify.EventType;
import cn.gridgov.notify.IncidentEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;

import static cn.gridgov.notify.feed.FeedClient.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realtime feed over a real WebSocket: who receives what, replay after a reconnect, and who may connect. */
@QuarkusTest
class FeedTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @Inject
    TestClock clock;

    @Inject
    Supervisor supervisor;

    @Inject
    FeedHub hub;

    @Inject
    NotifyConfig notifyConfig;

    @Inject
    EventListener listener;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void staffReceiveEventsOfTheirScopeOnlyWithTheTokenInHeaderOrATicket() {
        IncidentFixture f = new IncidentFixture();
        try (FeedClient adminA = FeedClient.withHeader(feed(null), f.adminA.token());
             FeedClient adminB = FeedClient.withTicket(feed(null), f.adminB.token());
             FeedClient town = FeedClient.withHeader(feed(null), f.townAdmin.token())) {
            assertTrue(metric("gridgov_feed_connections") >= 3, "the open connections are a metric");
            long inA = f.reportInA("0101");
            JsonObject created = adminA.await(event(inA, "created"), WAIT);
            assertEquals("REPORTED", created.getString("status"));
            assertEquals("REPORT", created.getString("action"));
            assertEquals(f.tree.compoundA().path(), created.getString("regionPath").substring(0,
                    f.tree.compoundA().path().length()));
            assertTrue(created.getString("at").endsWith("+08:00"), created.getString("at"));
            f.act(f.adminA.token(), inA, "ACCEPT", Map.of()).statusCode(200);
            JsonObject accepted = adminA.await(event(inA, "transitioned"), WAIT);
            assertEquals("ACCEPTED", accepted.getString("status"));
            assertEquals("REPORTED", accepted.getString("fromStatus"));
            assertTrue(accepted.getLong("id") > created.getLong("id"));
            town.await(event(inA, "transitioned"), WAIT);

            // committed after A's events: once B has it, B would have had A's too
            long inB = f.reportIn(f.otherResident.token(), f.tree.compoundB(), "0101");
            adminB.await(event(inB, "created"), WAIT);
            assertEquals(List.of(), adminB.about(inA), "community B's admin hears nothing about A's incidents");
            town.await(event(inB, "created"), WAIT);
        }
    }

    @Test
    void residentsHearOnlyAboutTheirOwnIncidents() {
        IncidentFixture f = new IncidentFixture();
        try (FeedClient resident = FeedClient.withHeader(feed(null), f.resident.token())) {
            long someoneElses = f.reportIn(f.otherResident.token(), f.tree.compoundA(), "0101");
            long own = f.reportInA("0101");
            f.act(f.adminA.token(), own, "ACCEPT", Map.of()).statusCode(200);
            resident.await(event(own, "created"), WAIT);
            resident.await(event(own, "transitioned"), WAIT);
            assertEquals(List.of(), resident.about(someoneElses));
        }
    }

    @Test
    void aClientThatReconnectsWithItsLastEventIdGetsWhatItMissedInOrder() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        long lastSeen;
        try (FeedClient first = FeedClient.withHeader(feed(null), f.adminA.token())) {
            f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
            lastSeen = first.await(event(id, "transitioned"), WAIT).getLong("id");
        }
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), id, "START", Map.of()).statusCode(200);
        try (FeedClient again = FeedClient.withTicket(feed(lastSeen), f.adminA.token())) {
            again.await(e -> "START".equals(e.getString("action")) && e.getLong("incidentId") == id, WAIT);
            f.act(f.worker.token(), id, "RESOLVE", Map.of("comment", "已修复")).statusCode(200);
            again.await(e -> "RESOLVE".equals(e.getString("action")) && e.getLong("incidentId") == id, WAIT);
            // the replay overlaps the ids up to lastEventId (one may have committed late), in id order; what came
            // after lastEventId arrives exactly once, in order, and the incident's last event is its latest state
            List<JsonObject> after = again.about(id).stream().filter(e -> e.getLong("id") > lastSeen).toList();
            List<String> actions = after.stream().map(e -> e.getString("action")).toList();
            assertEquals(List.of("DISPATCH", "START", "RESOLVE"), actions, "missed ones first, then live, each once");
            List<Long> ids = after.stream().map(e -> e.getLong("id")).toList();
            assertTrue(ids.get(0) < ids.get(1) && ids.get(1) < ids.get(2), ids.toString());
            List<JsonObject> all = again.about(id);
            assertEquals("RESOLVED", all.get(all.size() - 1).getString("status"), "ends in the latest state");
            List<Long> allIds = all.stream().map(e -> e.getLong("id")).toList();
            assertEquals(allIds.stream().sorted().toList(), allIds, "replay and live in id order");
        }
    }

    @Test
    void aChangeThatCommitsAfterALaterOneStillReachesAClientThatReconnects() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        // a slow transaction: its flow row takes an id now and commits only after a later change is seen
        SqlConnection slow = IncidentFixture.pool().getConnection().await().atMost(WAIT);
        try {
            Transaction tx = slow.begin().await().atMost(WAIT);
            long earlier = slow.preparedQuery("INSERT INTO incident_flow (incident_id, action, from_status, to_status, "
                            + "actor_id, actor_role, comment, at) VALUES ($1, 'SUSPEND', 'ACCEPTED', 'SUSPENDED', $2, "
                            + "'COMMUNITY_ADMIN', '慢事务', now()) RETURNING id")
                    .execute(Tuple.of(id, f.adminA.userId())).await().atMost(WAIT).iterator().next().getLong("id");
            long later;
            try (FeedClient first = FeedClient.withHeader(feed(null), f.adminA.token())) {
                f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
                later = first.await(event(id, "transitioned"), WAIT).getLong("id");
            }
            assertTrue(earlier < later, earlier + " < " + later);
            tx.commit().await().atMost(WAIT);
            try (FeedClient again = FeedClient.withHeader(feed(later), f.adminA.token())) {
                JsonObject late = again.await(e -> e.getLong("id") == earlier, WAIT);
                assertEquals("SUSPENDED", late.getString("status"));
            }
        } finally {
            slow.closeAndAwait();
        }
    }

    @Test
    void aNewIncidentIsPublishedWhenItsReportCommitsAndNeverWhenItRollsBack() {
        IncidentFixture f = new IncidentFixture();
        try (FeedClient admin = FeedClient.withHeader(feed(null), f.adminA.token())) {
            admin.awaitPing(WAIT); // open on the server's side
            // written up to its photos, which are not there: the transaction rolls back after the incident's rows
            f.report(f.resident.token(), f.body("0101", 0, List.of(UUID.randomUUID().toString())),
                    UUID.randomUUID().toString()).statusCode(400).body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
            long id = f.reportInA("0101");
            admin.await(event(id, "created"), WAIT);
            // a rolled-back report's event would have come before this one's: every incident announced exists
            List<Long> announced = admin.seen().stream().filter(e -> "created".equals(e.getString("type")))
                    .map(e -> e.getLong("incidentId")).toList();
            assertEquals(List.of(id), announced);
        }
    }

    @Test
    void aCommittedEventThatWasNeverPublishedIsFoundByTheSweepAndPassedOnOnce() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        try (FeedClient admin = FeedClient.withHeader(feed(null), f.adminA.token())) {
            f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
            admin.await(event(id, "transitioned"), WAIT);
            listener.sweep().await().atMost(WAIT); // a replica's first sweep only notes where the flow stands
            // committed, and no NOTIFY ever sent for it: what a replica that stops between a report's commit and its
            // publication leaves behind
            long unheard = IncidentFixture.rows("INSERT INTO incident_flow (incident_id, action, from_status, "
                    + "to_status, actor_id, actor_role, comment, at) VALUES ($1, 'SUSPEND', 'ACCEPTED', 'SUSPENDED', "
                    + "$2, 'COMMUNITY_ADMIN', '未通知', now()) RETURNING id", id, f.adminA.userId())
                    .get(0).getLong("id");
            double sweptBefore = metric("gridgov_feed_swept_total");
            int found = listener.sweep().await().atMost(WAIT);
            assertTrue(found >= 1, "found");
            JsonObject event = admin.await(e -> e.getLong("id") == unheard, WAIT);
            assertEquals("SUSPENDED", event.getString("status"));
            assertEquals(sweptBefore + found, metric("gridgov_feed_swept_total"), "counted in the metrics");
            assertEquals(0, listener.sweep().await().atMost(WAIT), "passed on once: the next sweep finds nothing");
        }
    }

    @Test
    void anUnpublishedEventOlderThanOnePassedOnIsNotPassedOnAfterIt() {
        IncidentFixture f = new IncidentFixture();
        try (FeedClient admin = FeedClient.withHeader(feed(null), f.adminA.token())) {
            admin.awaitPing(WAIT); // open on the server's side
            long id = f.reportInA("0101");
            admin.await(event(id, "created"), WAIT);
            listener.sweep().await().atMost(WAIT); // a replica's first sweep only notes where the flow stands
            long stale = IncidentFixture.rows("INSERT INTO incident_flow (incident_id, action, from_status, "
                    + "to_status, actor_id, actor_role, comment, at) VALUES ($1, 'SUSPEND', 'REPORTED', 'SUSPENDED', "
                    + "$2, 'COMMUNITY_ADMIN', '过时', now()) RETURNING id", id, f.adminA.userId())
                    .get(0).getLong("id");
            f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
            long later = admin.await(event(id, "transitioned"), WAIT).getLong("id");
            assertTrue(stale < later, stale + " < " + later);
            double supersededBefore = metric("gridgov_feed_superseded_total");
            assertTrue(listener.sweep().await().atMost(WAIT) >= 1, "found, and superseded by the later event");
            assertEquals(supersededBefore + 1, metric("gridgov_feed_superseded_total"), "counted in the metrics");
            f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
            admin.await(e -> "DISPATCH".equals(e.getString("action")) && e.getLong("incidentId") == id, WAIT);
            // everything passed on before the dispatch has arrived before it
            assertTrue(admin.about(id).stream().noneMatch(e -> e.getLong("id") == stale), admin.about(id).toString());
            assertEquals("DISPATCHED", admin.about(id).get(admin.about(id).size() - 1).getString("status"));
        }
    }

    @Test
    void supervisionMarksReachTheFeed() {
        ZoneId cn = ZoneId.of("Asia/Shanghai");
        clock.setTo(LocalDateTime.of(2026, 12, 2, 9, 0).atZone(cn).toInstant());
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        try (FeedClient town = FeedClient.withHeader(feed(null), f.townAdmin.token())) {
            clock.setTo(LocalDateTime.of(2026, 12, 2, 15, 10).atZone(cn).toInstant());
            supervisor.runOnce().await().atMost(WAIT);
            town.await(event(id, "yellow"), WAIT);
            clock.setTo(LocalDateTime.of(2026, 12, 2, 16, 0).atZone(cn).toInstant());
            supervisor.runOnce().await().atMost(WAIT);
            town.await(event(id, "red"), WAIT);
            JsonObject escalated = town.await(event(id, "escalated"), WAIT);
            assertEquals(f.tree.town().id(), escalated.getLong("ownerRegionId"));
            assertEquals("SYSTEM", escalated.getString("actorRole"));
        }
    }

    @Test
    void eventsCommittedWhileTheListenConnectionWasDownStillArrive() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        try (FeedClient admin = FeedClient.withHeader(feed(null), f.adminA.token())) {
            f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
            admin.await(event(id, "transitioned"), WAIT);
            List<io.vertx.mutiny.sqlclient.Row> killed = IncidentFixture.rows("SELECT pg_terminate_backend(pid) AS done "
                    + "FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' "
                    + "AND pid <> pg_backend_pid()");
            assertEquals(1, killed.size(), "this application's one LISTEN connection");
            assertTrue(killed.get(0).getBoolean("done"));
            f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
            admin.await(e -> "DISPATCH".equals(e.getString("action")) && e.getLong("incidentId") == id, WAIT);
            // and live events flow again on the new connection
            f.act(f.worker.token(), id, "START", Map.of()).statusCode(200);
            admin.await(e -> "START".equals(e.getString("action")) && e.getLong("incidentId") == id, WAIT);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith4408InsteadOfBufferingWithoutEnd() throws Exception {
        TestTokens.Resident resident = TestTokens.resident();
        // a small window, and no reads: the server's buffers for this connection fill up
        try (RawFeed feed = RawFeed.open(base, resident.token(), null, 2048, 20_000)) {
            double stalledBefore = metric("gridgov_feed_stalled_closes_total");
            // about 9 MB: more than the kernel's and Netty's buffers hold for one connection
            int published = 10_000;
            for (int n = 0; n < published; n++) {
                hub.publish(syntheticEventFor(resident.userId(), -1, n));
            }
            // still unread after the stall timeout (1 s in tests): the next event closes it
            Thread.sleep(1_500);
            hub.publish(syntheticEventFor(resident.userId(), -1, published++));
            RawFeed.Frames frames = feed.readUntilClose();
            assertEquals(4408, frames.closeCode(), "closed as too slow");
            assertEquals(stalledBefore + 1, metric("gridgov_feed_stalled_closes_total"), "counted in the metrics");
            assertTrue(frames.texts() > 0 && frames.texts() < published,
                    "some frames arrived before it was closed, not all " + published + ": " + frames.texts());
        }
    }

    @Test
    void aClientThatReadsGetsEveryEventOfABurstLargerThanTheSendBuffer() {
        TestTokens.Resident resident = TestTokens.resident();
        long incident = -2;
        try (FeedClient client = FeedClient.withHeader(feed(null), resident.token())) {
            client.awaitPing(WAIT); // open on the server's side: events published now reach it
            // about 1.7 MB in one go, far over Netty's 64 KB high-water mark, to a client that keeps reading
            for (int n = 0; n < 2_000; n++) {
                hub.publish(syntheticEventFor(resident.userId(), incident, n));
            }
            client.await(e -> e.getLong("id") == -2_000L, WAIT);
            List<Long> ids = client.about(incident).stream().map(e -> e.getLong("id")).toList();
            assertEquals(2_000, ids.size(), "every event, each once");
            assertEquals(-1L, ids.get(0));
            assertEquals(-2_000L, ids.get(ids.size() - 1), "in order");
        }
    }

    @Test
    void consolesAreToldToReloadWhenTheListenConnectionMissedMoreThanAReplayHolds() {
        IncidentFixture f = new IncidentFixture();
        try (FeedClient admin = FeedClient.withHeader(feed(null), f.adminA.token())) {
            long id = f.reportInA("0101");
            admin.await(event(id, "created"), WAIT);
            // 1,200 changes committed without NOTIFY: what a replica misses while its LISTEN connection is down
            IncidentFixture.rows("INSERT INTO incident_flow (incident_id, action, from_status, to_status, actor_id, "
                    + "actor_role, at) SELECT $1, 'RESUME', 'SUSPENDED', 'ACCEPTED', $2, 'COMMUNITY_ADMIN', now() "
                    + "FROM generate_series(1, 1200)", id, f.adminA.userId());
            List<io.vertx.mutiny.sqlclient.Row> killed = IncidentFixture.rows("SELECT pg_terminate_backend(pid) AS done "
                    + "FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' "
                    + "AND pid <> pg_backend_pid()");
            double reloadsBefore = metric("gridgov_feed_reloads_total");
            assertEquals(1, killed.size(), "this application's one LISTEN connection");
            admin.await(e -> "reload".equals(e.getString("type")), WAIT);
            assertTrue(metric("gridgov_feed_reloads_total") >= reloadsBefore + 1, "counted in the metrics");
            assertTrue(admin.about(id).stream().noneMatch(e -> "RESUME".equals(e.getString("action"))),
                    "a reload instead of 1,200 events");
        }
    }

    @Test
    void theServerPingsAnIdleConnectionSoProxiesKeepItOpen() throws Exception {
        TestTokens.Resident resident = TestTokens.resident();
        // every 30 s in production, every second in tests
        try (RawFeed feed = RawFeed.open(base, resident.token(), null, 0, 5_000)) {
            RawFeed.Frames frames = feed.readUntil(0x9);
            assertEquals(-1, frames.closeCode(), "a ping, not a close");
            assertEquals(0, frames.texts());
        }
    }

    @Test
    void aBrowserThatNegotiatesCompressionReceivesCompressedEvents() throws Exception {
        TestTokens.Resident resident = TestTokens.resident();
        // browsers offer permessage-deflate, and the feed writes its frames past Vert.x: they must be compressed
        try (RawFeed feed = RawFeed.open(base, resident.token(), "permessage-deflate; client_max_window_bits", 0,
                10_000)) {
            assertTrue(feed.handshake().toLowerCase(Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate"),
                    feed.handshake());
            // the first ping (every second in tests) shows the connection is open on the server's side too
            assertEquals(0x9, feed.next().opcode());
            for (int n = 0; n < 3; n++) {
                hub.publish(syntheticEventFor(resident.userId(), -3, n));
            }
            Inflater inflater = new Inflater(true); // one context for the connection (RFC 7692 context takeover)
            for (int n = 0; n < 3; n++) {
                RawFeed.Frame frame = feed.next();
                for (int pings = 0; frame.opcode() == 0x9 && pings < 5; pings++) {
                    frame = feed.next();
                }
                assertEquals(0x1, frame.opcode());
                assertTrue(frame.compressed(), "RSV1: compressed");
                JsonObject event = new JsonObject(inflate(inflater, frame.payload()));
                assertEquals(-1L - n, event.getLong("id"));
                assertTrue(event.getString("categoryName").startsWith("井盖破损或缺失"), "intact once inflated");
            }
        }
    }

    private static String inflate(Inflater inflater, byte[] payload) throws Exception {
        byte[] tail = {0, 0, (byte) 0xFF, (byte) 0xFF};
        byte[] input = new byte[payload.length + 4];
        System.arraycopy(payload, 0, input, 0, payload.length);
        System.arraycopy(tail, 0, input, payload.length, 4);
        inflater.setInput(input);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = inflater.inflate(buffer)) > 0) {
            out.write(buffer, 0, read);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aBadOrMissingTokenIsRefusedBeforeTheUpgrade() {
        IncidentFixture f = new IncidentFixture();
        String forged = f.adminA.token().substring(0, f.adminA.token().length() - 4) + "AAAA";
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + forged),
                feed(null), 401);
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), URI.create(feed(null) + "?ticket=not-a-ticket"),
                401);
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), feed(null), 401);
    }

    @Test
    void anAccessTokenInTheUrlIsRefusedEvenWhenValid() {
        IncidentFixture f = new IncidentFixture();
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(),
                URI.create(feed(null) + "?access_token=" + f.adminA.token()), 401);
        // not even next to a valid header: a token in a URL is refused wherever it comes from
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + f.adminA.token()),
                URI.create(feed(null) + "?access_token=" + f.adminA.token()), 401);
    }

    @Test
    void aTicketOpensOneConnectionAndIsRefusedTheSecondTime() {
        IncidentFixture f = new IncidentFixture();
        JsonObject issued = new JsonObject(given().auth().oauth2(f.adminA.token()).when().post("/api/v1/feed/tickets")
                .then().statusCode(201).extract().asString());
        String ticket = issued.getString("ticket");
        assertTrue(ticket.length() >= 40, ticket);
        Duration ttl = Duration.between(clock.instant(), OffsetDateTime.parse(issued.getString("expiresAt")).toInstant());
        assertTrue(!ttl.isNegative() && ttl.compareTo(Duration.ofSeconds(30)) <= 0, "valid 30 s: " + ttl);
        assertTrue(issued.getString("expiresAt").endsWith("+08:00"), issued.getString("expiresAt"));
        try (FeedClient browser = FeedClient.withTicketValue(feed(null), ticket)) {
            long id = f.reportInA("0101");
            assertEquals("REPORTED", browser.await(event(id, "created"), WAIT).getString("status"));
            assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), URI.create(feed(null) + "?ticket=" + ticket),
                    401);
        }
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), URI.create(feed(null) + "?ticket=" + ticket), 401);
        given().when().post("/api/v1/feed/tickets").then().statusCode(401);
    }

    @Test
    void aUserTakesAtMostItsTicketsPerWindowTheNextIsRefusedWith429() {
        IncidentFixture f = new IncidentFixture();
        for (int i = 0; i < notifyConfig.feedTicketsPerUser(); i++) {
            given().auth().oauth2(f.worker.token()).when().post("/api/v1/feed/tickets").then().statusCode(201);
        }
        given().auth().oauth2(f.worker.token()).when().post("/api/v1/feed/tickets").then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("TOO_MANY_TICKETS"))
                .header("Retry-After", notNullValue());
        // another user is not held back
        given().auth().oauth2(f.adminA.token()).when().post("/api/v1/feed/tickets").then().statusCode(201);
    }

    @Test
    void anExpiredTicketIsRefused() {
        IncidentFixture f = new IncidentFixture();
        String ticket = FeedClient.ticket(feed(null), f.resident.token());
        clock.advance(Duration.ofSeconds(31));
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), URI.create(feed(null) + "?ticket=" + ticket), 401);
        clock.reset();
        // it was taken by that attempt: even in time again it opens nothing
        assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), URI.create(feed(null) + "?ticket=" + ticket), 401);
        String fresh = FeedClient.ticket(feed(null), f.resident.token());
        clock.advance(Duration.ofSeconds(25));
        FeedClient.withTicketValue(feed(null), fresh).close();
    }

    @Test
    void oneUserOpensAtMostFiveConnectionsTheSixthIsRefusedWith429() {
        IncidentFixture f = new IncidentFixture();
        List<FeedClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(FeedClient.withHeader(feed(null), f.worker.token()));
            }
            open.add(FeedClient.withTicket(feed(null), f.worker.token()));
            assertRefused(HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + f.worker.token()), feed(null), 429);
            String ticket = FeedClient.ticket(feed(null), f.worker.token());
            assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), URI.create(feed(null) + "?ticket=" + ticket),
                    429);
            // someone else is not held back by this user's connections
            open.add(FeedClient.withHeader(feed(null), f.adminA.token()));
            // a connection that ends gives its place back (when its TCP connection has closed)
            open.remove(0).close();
            FeedClient again = null;
            long until = System.nanoTime() + WAIT.toNanos();
            while (again == null) {
                try {
                    again = FeedClient.withHeader(feed(null), f.worker.token());
                } catch (CompletionException refused) {
                    if (System.nanoTime() > until) {
                        throw refused;
                    }
                }
            }
            open.add(again);
        } finally {
            open.forEach(FeedClient::close);
        }
    }

    @Test
    void oneAddressOpensAtMostItsCapOfConnections() {
        IncidentFixture f = new IncidentFixture();
        // through the trusted proxy (loopback in tests) each test address is its own client; the test cap is 10
        String address = "10.1." + (f.worker.userId() >> 8 & 255) + "." + (f.worker.userId() & 255);
        String another = "10.2." + (f.worker.userId() >> 8 & 255) + "." + (f.worker.userId() & 255);
        List<FeedClient> open = new java.util.ArrayList<>();
        try {
            for (String token : List.of(f.worker.token(), f.adminA.token())) {
                for (int i = 0; i < 5; i++) {
                    open.add(FeedClient.withHeaders(feed(null), Map.of("Authorization", "Bearer " + token,
                            "X-Forwarded-For", address)));
                }
            }
            assertRefused(HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + f.adminB.token()).header("X-Forwarded-For", address),
                    feed(null), 429);
            open.add(FeedClient.withHeaders(feed(null), Map.of("Authorization", "Bearer " + f.adminB.token(),
                    "X-Forwarded-For", another)));
        } finally {
            open.forEach(FeedClient::close);
        }
    }

    private static void assertRefused(WebSocket.Builder builder, URI uri, int status) {
        CompletionException e = assertThrows(CompletionException.class, () -> builder
                .buildAsync(uri, new WebSocket.Listener() { }).orTimeout(10, TimeUnit.SECONDS).join());
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(status, handshake.getResponse().statusCode());
    }

    /** A value of this replica's Prometheus metrics. */
    private static double metric(String name) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name);
    }

    /** Event {@code -1 - n} about {@code incidentId}, which only {@code reporterId} sees (its path is in no scope). */
    private static IncidentEvent syntheticEventFor(long reporterId, long incidentId, int n) {
        return new IncidentEvent(-1 - n, EventType.TRANSITIONED, incidentId, IncidentAction.SUSPEND, "IN_PROGRESS",
                "SUSPENDED", "999999.999999", null, null, reporterId, reporterId, "RESIDENT",
                "井盖破损或缺失 " + "填充".repeat(100), null, Instant.now());
    }

    private URI feed(Long lastEventId) {
        return FeedClient.feedUri(base.toString(), lastEventId);
    }

}
