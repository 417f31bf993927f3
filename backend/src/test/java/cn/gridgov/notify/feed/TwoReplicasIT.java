package cn.gridgov.notify.feed;

import cn.gridgov.common.time.Await;
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
        ReplicaProcesses.freshDatabase(ReplicaProcesses.DB);
        wechat = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wechat.start();
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).willReturn(answer(
                "{\"access_token\":\"it-token\",\"expires_in\":7200}")));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
                .willReturn(answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":7}")));
        replicas = new ReplicaProcesses(ReplicaProcesses.DB);
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
        ReplicaTree t = ReplicaTree.create(ReplicaProcesses.DB, OPENID);
        String adminToken = replicas.token(t.adminId, "STAFF", List.of("STAFF", "COMMUNITY_ADMIN"), t.community,
                t.communityPath);
        String residentToken = replicas.token(t.residentId, "RESIDENT", List.of("RESIDENT"), null, null);
        t.locatableOn(residentToken, a, b);

        try (FeedClient onB = FeedClient.withHeader(FeedClient.feedUri(b, null), adminToken)) {
            long id = report(a, residentToken, t);
            onB.await(FeedClient.event(id, "created"), WAIT);
            HttpResponse<String> accepted = send(a, "/api/v1/incidents/" + id + "/transitions", adminToken,
                    "{\"action\":\"ACCEPT\",\"version\":0}");
            assertEquals(200, accepted.statusCode(), accepted.body());
            JsonObject event = onB.await(FeedClient.event(id, "transitioned"), WAIT);
            assertEquals("ACCEPTED", event.getString("status"));

            // one outbox row (the reporter, told of the acceptance), delivered by one of the two senders, once
            Await.until("the notification sent", WAIT, () -> "SENT".equals(text("SELECT state FROM notify_outbox WHERE incident_id = ?", id)));
            assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE incident_id = ?", id));

            // overdue: both schedulers see it every second; the town and then the county press on it once each
            update("UPDATE incident SET deadline_at = now() - interval '1 hour' WHERE id = ?", id);
            Await.until("one SUPERVISE row", WAIT, () -> count("SELECT count(*) FROM incident_flow WHERE incident_id = ? AND action = 'SUPERVISE'",
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

    private static long report(String base, String token, ReplicaTree t) throws Exception {
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

    private static int count(String sql, long id) {
        try (Connection c = ReplicaProcesses.connect(ReplicaProcesses.DB); PreparedStatement s = c.prepareStatement(sql)) {
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
        try (Connection c = ReplicaProcesses.connect(ReplicaProcesses.DB); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String sql, long id) throws SQLException {
        try (Connection c = ReplicaProcesses.connect(ReplicaProcesses.DB); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }
}
