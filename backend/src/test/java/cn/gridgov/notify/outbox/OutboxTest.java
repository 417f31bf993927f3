package cn.gridgov.notify.outbox;

import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.notify.NotifyConfig;
import cn.gridgov.wechat.WeChatAccessTokens;
import cn.gridgov.wechat.WeChatClient;
import cn.gridgov.wechat.WeChatConfig;
import cn.gridgov.wechat.WeChatHttp;
import cn.gridgov.wechat.WeChatStub;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static cn.gridgov.incident.IncidentFixture.flowActions;
import static cn.gridgov.incident.IncidentFixture.intValue;
import static cn.gridgov.incident.IncidentFixture.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox: rows written with each state change, and the sender against a WeChat stub (WireMock). */
@QuarkusTest
class OutboxTest {

    private static final String SEND = "/cgi-bin/message/subscribe/send";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    OutboxSender sender;

    @Inject
    OutboxRepository outbox;

    @Inject
    UserRepository users;

    @Inject
    NotifyConfig notifyConfig;

    @Inject
    WeChatHttp http;

    @Inject
    WeChatAccessTokens tokens;

    @Inject
    WeChatConfig wechatConfig;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void eachStateChangeQueuesAMessageForReporterAndAssigneeButNotForWhoeverMadeIt() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        assertEquals(List.of("created:" + f.worker.userId() + ":tpl-created"), queued(id),
                "the resident reported it: only the grid worker on duty is told");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        assertEquals(List.of("created:" + f.worker.userId() + ":tpl-created",
                "transitioned:" + f.resident.userId() + ":tpl-transitioned",
                "transitioned:" + f.worker.userId() + ":tpl-transitioned"), queued(id));
        JsonObject payload = (JsonObject) rows("SELECT payload FROM notify_outbox WHERE incident_id = $1 AND recipient_id = $2",
                id, f.resident.userId()).get(0).getValue("payload");
        assertEquals("pages/incident/detail?id=" + id, payload.getString("page"));
        assertEquals(Long.toString(id), payload.getJsonObject("data").getJsonObject("character_string1").getString("value"));
        assertEquals("已受理", payload.getJsonObject("data").getJsonObject("phrase3").getString("value"));
        assertEquals("井盖破损或缺失", payload.getJsonObject("data").getJsonObject("thing2").getString("value"));
    }

    @Test
    void aTransitionThatFailsLeavesNeitherFlowNorOutboxRows() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        int before = intValue("SELECT count(*) FROM notify_outbox WHERE incident_id = $1", id);
        // the state change is written, then attaching a photo that does not exist fails: all of it rolls back
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId(),
                "mediaIds", List.of(UUID.randomUUID().toString()))).statusCode(400);
        assertEquals(before, intValue("SELECT count(*) FROM notify_outbox WHERE incident_id = $1", id));
        assertEquals(List.of("REPORT", "ACCEPT"), flowActions(id));
    }

    @Test
    void theSenderDeliversARowOnceAndSkipsUsersWithoutWeChat() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        stub(f.resident.openid(), "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1}");
        sendUntilSettled(id);
        Row toResident = row(id, f.resident.userId());
        assertEquals("SENT", toResident.getString("state"));
        assertEquals(1, toResident.getInteger("attempts"));
        assertNotNull(toResident.getValue("sent_at"));
        assertEquals(List.of("SKIPPED", "SKIPPED"), rows("SELECT state FROM notify_outbox WHERE incident_id = $1 "
                + "AND recipient_id = $2", id, f.worker.userId()).stream().map(r -> r.getString("state")).toList(),
                "the grid worker never linked WeChat");
        sender.sendDue().await().atMost(WAIT);
        assertEquals(1, requests(f.resident.openid()));
        WeChatStub.server().verify(1, sent(f.resident.openid())
                .withRequestBody(matchingJsonPath("$.template_id", equalTo("tpl-transitioned")))
                .withRequestBody(matchingJsonPath("$.page", equalTo("pages/incident/detail?id=" + id)))
                .withQueryParam("access_token", equalTo(WeChatStub.TOKEN)));
    }

    @Test
    void busyWeChatIsRetriedAfterABackoffUntilItTakesTheMessage() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        stub(f.resident.openid(), "{\"errcode\":-1,\"errmsg\":\"system error\"}");
        Instant before = clock.instant();
        sendUntilSettled(id);
        Row busy = row(id, f.resident.userId());
        assertEquals("PENDING", busy.getString("state"));
        assertEquals(1, busy.getInteger("attempts"));
        assertNotNull(busy.getString("last_error"));
        Instant next = busy.getOffsetDateTime("next_attempt_at").toInstant();
        assertTrue(next.isAfter(before.plusSeconds(9)) && next.isBefore(clock.instant().plusSeconds(11)),
                "first pause: the configured backoff (10 s in tests), was " + next);
        assertEquals(4, requests(f.resident.openid()), "the call and its three quick busy retries");

        stub(f.resident.openid(), "{\"errcode\":0,\"errmsg\":\"ok\"}");
        sender.sendDue().await().atMost(WAIT);
        assertEquals("PENDING", row(id, f.resident.userId()).getString("state"), "not due before the pause is over");
        clock.advance(Duration.ofSeconds(11));
        sendUntilSettled(id);
        Row sent = row(id, f.resident.userId());
        assertEquals("SENT", sent.getString("state"));
        assertEquals(2, sent.getInteger("attempts"));
        assertEquals(Duration.ofSeconds(20), sender.backoff(2));
        assertEquals(notifyConfig.maxBackoff(), sender.backoff(30));
    }

    @Test
    void aUserWhoHasNotSubscribedIsSkippedWithoutRetry() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        stub(f.resident.openid(), "{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}");
        sendUntilSettled(id);
        Row row = row(id, f.resident.userId());
        assertEquals("SKIPPED", row.getString("state"));
        assertTrue(row.getString("last_error").contains("43101"), row.getString("last_error"));
        clock.advance(Duration.ofHours(2));
        sender.sendDue().await().atMost(WAIT);
        assertEquals(1, requests(f.resident.openid()));
    }

    @Test
    void twoSendersAtOnceSendEachRowOnce() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        WeChatStub.server().stubFor(send(f.resident.openid())
                .willReturn(WeChatStub.wechat("{\"errcode\":0,\"errmsg\":\"ok\"}").withFixedDelay(300)));
        for (int i = 0; i < 5 && "PENDING".equals(row(id, f.resident.userId()).getString("state")); i++) {
            Uni.combine().all().unis(sender.sendDue(), sender.sendDue(), sender.sendDue()).asTuple()
                    .await().atMost(WAIT);
        }
        assertEquals("SENT", row(id, f.resident.userId()).getString("state"));
        assertEquals(1, requests(f.resident.openid()));
    }

    @Test
    void aRowLeftInFlightByAStoppedSenderIsRecordedAndNotSentAgain() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        stub(f.resident.openid(), "{\"errcode\":0,\"errmsg\":\"ok\"}");
        rows("UPDATE notify_outbox SET state = 'SENDING', attempts = 1, claimed_at = now() - interval '10 minutes' "
                + "WHERE incident_id = $1 AND recipient_id = $2 RETURNING id", id, f.resident.userId());
        sender.sendDue().await().atMost(WAIT);
        Row row = row(id, f.resident.userId());
        assertEquals("FAILED", row.getString("state"));
        assertTrue(row.getString("last_error").contains("outcome unknown"), row.getString("last_error"));
        assertEquals(0, requests(f.resident.openid()));
    }

    @Test
    void inDevModeMessagesAreLoggedInsteadOfSent() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        WeChatConfig dev = (WeChatConfig) Proxy.newProxyInstance(WeChatConfig.class.getClassLoader(),
                new Class<?>[] {WeChatConfig.class}, (proxy, method, args) -> "mode".equals(method.getName())
                        ? WeChatConfig.Mode.DEV : method.invoke(wechatConfig, args));
        OutboxSender devSender = new OutboxSender(IncidentFixture.pool(), outbox, users, new WeChatClient(http, tokens, dev),
                notifyConfig, clock);
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getParameters() == null ? record.getMessage()
                        : String.format(record.getMessage(), record.getParameters())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(WeChatClient.class.getName());
        logger.addHandler(capture);
        try {
            for (int i = 0; i < 20 && "PENDING".equals(row(id, f.resident.userId()).getString("state")); i++) {
                devSender.sendDue().await().atMost(WAIT);
            }
        } finally {
            logger.removeHandler(capture);
        }
        Row row = row(id, f.resident.userId());
        assertEquals("SENT", row.getString("state"));
        assertEquals("dev mode: logged, not sent", row.getString("last_error"));
        assertEquals(0, requests(f.resident.openid()));
        assertTrue(logged.stream().anyMatch(line -> line.contains(f.resident.openid()) && line.contains("tpl-transitioned")),
                logged.toString());
    }

    /** Runs sender passes until none of the incident's rows is waiting to be sent now (other tests' rows may queue). */
    private void sendUntilSettled(long id) {
        for (int i = 0; i < 20; i++) {
            sender.sendDue().await().atMost(WAIT);
            int due = intValue("SELECT count(*) FROM notify_outbox WHERE incident_id = $1 AND state IN ('PENDING', "
                    + "'SENDING') AND next_attempt_at <= $2", id, clock.instant().atOffset(java.time.ZoneOffset.UTC));
            if (due == 0) {
                return;
            }
        }
        throw new AssertionError("rows of incident " + id + " still due after 20 passes");
    }

    private static List<String> queued(long id) {
        return rows("SELECT event_type, recipient_id, template_id FROM notify_outbox WHERE incident_id = $1 "
                + "ORDER BY id, recipient_id", id).stream()
                .map(r -> r.getString("event_type") + ":" + r.getLong("recipient_id") + ":" + r.getString("template_id"))
                .toList();
    }

    private static Row row(long id, long recipient) {
        return rows("SELECT * FROM notify_outbox WHERE incident_id = $1 AND recipient_id = $2 ORDER BY id DESC LIMIT 1",
                id, recipient).get(0);
    }

    private static MappingBuilder send(String openid) {
        return post(urlPathEqualTo(SEND)).withRequestBody(matchingJsonPath("$.touser", equalTo(openid)));
    }

    private static void stub(String openid, String answer) {
        WeChatStub.server().stubFor(send(openid).willReturn(WeChatStub.wechat(answer)));
    }

    private static RequestPatternBuilder sent(String openid) {
        return postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(matchingJsonPath("$.touser", equalTo(openid)));
    }

    private static int requests(String openid) {
        return WeChatStub.server().countRequestsMatching(sent(openid).build()).getCount();
    }

}
