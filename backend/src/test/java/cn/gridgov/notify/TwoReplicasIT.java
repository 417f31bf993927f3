package cn.gridgov.notify;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proof that the backend stays correct as several replicas: two instances of the packaged application on
 * two ports against one database, both running the supervision scheduler and the sender every second.
 * A transition made through A reaches a feed client on B; an overdue incident is pressed on once per level;
 * an outbox row is delivered once.
 */
class TwoReplicasIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPENID = "it-openid-" + UUID.randomUUID();

    private static WireMockServer wechat;
    private static ReplicaProcesses replicas;
    private static String a;
    private static String b;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        ReplicaProcesses.freshDatabase();
        wechat = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wechat.start();
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).willReturn(answer(
                "{\"access_token\":\"it-token\",\"expires_in\":7200}")));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
                .willReturn(answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":7}")));
        replicas = new ReplicaProcesses();
        Map<String, String> settings = Map.of(
                "gridgov.wechat.base-url", wechat.baseUrl(),
                "gridgov.supervision.interval", "1s",
                "gridgov.supervision.escalate-every", "PT0S",
                "gridgov.notify.sender-interval", "1s",
                "gridgov.notify.templates.transitioned", "tpl-it-transitioned");
        a = replicas.start("replica-a", settings);
        b = replicas.start("replica-b", settings);
        ReplicaProcesses.awaitReady(a, "replica-a", Duration.ofSeconds(180));
        ReplicaProcesses.awaitReady(b, "replica-b", Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (replicas != null) {
            replicas.close();
        }
        if (wechat != null) {
            wechat.stop();
        }
    }

    @Test
    void eventsCrossReplicasEscalationHappensOncePerLevelAndAMessageIsSentOnce() throws Exception {
        Tree t = Tree.create();
        String adminToken = replicas.token(t.adminId, "STAFF", List.of("STAFF", "COMMUNITY_ADMIN"), t.community,
                t.communityPath);
        String residentToken = replicas.token(t.residentId, "RESIDENT", List.of("RESIDENT"), null, null);

        try (FeedClient onB = FeedClient.withHeader(FeedClient.feedUri(b, null), adminToken)) {
            long id = report(a, residentToken, t);
            onB.await(FeedClient.event(id, "created"), WAIT);
            HttpResponse<String> accepted = send(a, "/api/v1/incidents/" + id + "/transitions", adminToken,
                    "{\"action\":\"ACCEPT\",\"version\":0}");
            assertEquals(200, accepted.statusCode(), accepted.body());
            JsonObject event = onB.await(FeedClient.event(id, "transitioned"), WAIT);
            assertEquals("ACCEPTED", event.getString("status"));

            // one outbox row (the reporter, told of the acceptance), delivered by one of the two senders, once
            awaitTrue(() -> "SENT".equals(text("SELECT state FROM notify_outbox WHERE incident_id = ?", id)));
            assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE incident_id = ?", id));

            // overdue: both schedulers see it every second; the town and then the county press on it once each
            update("UPDATE incident SET deadline_at = now() - interval '1 hour' WHERE id = ?", id);
            awaitTrue(() -> count("SELECT count(*) FROM incident_flow WHERE incident_id = ? AND action = 'SUPERVISE'",
                    id) >= 2);
            onB.await(FeedClient.event(id, "escalated"), WAIT);
            Thread.sleep(3_000);
            assertEquals(1, count("SELECT count(*) FROM incident_flow WHERE incident_id = ? AND action = 'OVERDUE'", id));
            assertEquals(1, count("SELECT count(*) FROM incident_flow WHERE incident_id = ? AND action = 'SUPERVISE' "
                    + "AND owner_region_id = " + t.town, id));
            assertEquals(1, count("SELECT count(*) FROM incident_flow WHERE incident_id = ? AND action = 'SUPERVISE' "
                    + "AND owner_region_id = " + t.county, id));
            assertEquals(2, count("SELECT count(*) FROM incident_flow WHERE incident_id = ? AND action = 'SUPERVISE'", id));
            assertTrue(count("SELECT count(*) FROM incident_flow WHERE incident_id = ? AND action = 'WARN'", id) <= 1);

            assertEquals(1, wechat.countRequestsMatching(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
                    .withRequestBody(matchingJsonPath("$.touser", equalTo(OPENID))).build()).getCount());
            wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
                    .withRequestBody(matchingJsonPath("$.template_id", equalTo("tpl-it-transitioned"))));
        }
    }

    private static long report(String base, String token, Tree t) throws Exception {
        String body = new JsonObject().put("categoryCode", "0101").put("description", "两副本测试")
                .put("location", new JsonObject().put("lng", t.lng).put("lat", t.lat).put("coordType", "wgs84"))
                .encode();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getLong("id");
    }

    private static HttpResponse<String> send(String base, String path, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(json);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(200);
        }
    }

    private static int count(String sql, long id) {
        try (Connection c = ReplicaProcesses.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String sql, long id) {
        try (Connection c = ReplicaProcesses.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String sql, long id) throws SQLException {
        try (Connection c = ReplicaProcesses.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /** A county, town, community and compound, a community admin and a resident with a WeChat openid. */
    private static final class Tree {
        long county;
        long town;
        long community;
        String communityPath;
        long adminId;
        long residentId;
        double lng = 113.40;
        double lat = 36.20;

        static Tree create() throws SQLException {
            Tree t = new Tree();
            try (Connection c = ReplicaProcesses.connect()) {
                t.county = node(c, "IT-C", "测试县", "COUNTY", null, null, t.lng, t.lat, 0.2);
                String countyPath = Long.toString(t.county);
                t.town = node(c, "IT-T", "测试镇", "TOWN", t.county, countyPath, t.lng, t.lat, 0.1);
                String townPath = countyPath + "." + t.town;
                t.community = node(c, "IT-A", "测试社区", "COMMUNITY", t.town, townPath, t.lng, t.lat, 0.05);
                t.communityPath = townPath + "." + t.community;
                node(c, "IT-A1", "测试小区", "COMPOUND", t.community, t.communityPath, t.lng, t.lat, 0.02);
                t.adminId = id(c, "INSERT INTO app_user (kind, display_name) VALUES ('STAFF', '测试调度员') RETURNING id");
                try (PreparedStatement s = c.prepareStatement("INSERT INTO staff_account (user_id, username, password_hash, "
                        + "region_id, roles) VALUES (?, ?, 'x', ?, ARRAY['COMMUNITY_ADMIN'])")) {
                    s.setLong(1, t.adminId);
                    s.setString(2, "it-admin-" + UUID.randomUUID().toString().substring(0, 8));
                    s.setLong(3, t.community);
                    s.executeUpdate();
                }
                t.residentId = id(c, "INSERT INTO app_user (kind, openid) VALUES ('RESIDENT', '" + OPENID + "') RETURNING id");
            }
            return t;
        }

        private static long node(Connection c, String code, String name, String level, Long parent, String parentPath,
                                 double x, double y, double r) throws SQLException {
            long id = id(c, "SELECT nextval('region_id_seq')");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO region (id, code, name, level, parent_id, path, "
                    + "boundary, position) VALUES (?, ?, ?, ?, ?, ?::ltree, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), "
                    + "ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
                s.setLong(1, id);
                s.setString(2, code + "-" + id);
                s.setString(3, name + id);
                s.setString(4, level);
                s.setObject(5, parent);
                s.setString(6, parentPath == null ? Long.toString(id) : parentPath + "." + id);
                s.setDouble(7, x - r);
                s.setDouble(8, y - r);
                s.setDouble(9, x + r);
                s.setDouble(10, y + r);
                s.setDouble(11, x);
                s.setDouble(12, y);
                s.executeUpdate();
            }
            return id;
        }

        private static long id(Connection c, String sql) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
