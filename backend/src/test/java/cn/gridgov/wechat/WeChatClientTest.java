package cn.gridgov.wechat;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.RetryLater;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static cn.gridgov.wechat.WeChatStub.server;
import static cn.gridgov.wechat.WeChatStub.wechat;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WeChat client against a real HTTP stub that answers like WeChat. */
@QuarkusTest
@WithTestResource(value = WeChatStub.class, scope = TestResourceScope.GLOBAL)
class WeChatClientTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    WeChatClient client;

    @Inject
    WeChatAccessTokens tokens;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private DomainException failure(io.smallrye.mutiny.Uni<?> call) {
        return assertThrows(DomainException.class, () -> call.await().atMost(WAIT));
    }

    @Test
    void loginReadsJsonServedAsTextPlain() {
        String code = unique("code");
        WeChatStub.loginOk(code, "openid-" + code);
        WeChatSession session = client.jscode2session(code).await().atMost(WAIT);
        assertEquals("openid-" + code, session.openid());
        assertEquals("u-openid-" + code, session.unionid());
        assertEquals("SECRET-openid-" + code, session.sessionKey());
        assertTrue(!session.toString().contains("SECRET"), "the session key never appears in logs");
    }

    @Test
    void invalidLoginCodeBecomesClearDomainError() {
        String code = unique("bad");
        WeChatStub.loginError(code, 40029);
        DomainException e = failure(client.jscode2session(code));
        assertEquals(400, e.status());
        assertEquals("WECHAT_CODE_INVALID", e.code());
        assertTrue(e.message(false).contains("重新登录"));
    }

    @Test
    void rateLimitedAndBlockedUsersGetTheirOwnCodes() {
        String limited = unique("limited");
        WeChatStub.loginError(limited, 45011);
        DomainException e = failure(client.jscode2session(limited));
        assertEquals("WECHAT_RATE_LIMITED", e.code());
        assertEquals(429, e.status());
        assertInstanceOf(RetryLater.class, e);

        String blocked = unique("blocked");
        WeChatStub.loginError(blocked, 40226);
        DomainException b = failure(client.jscode2session(blocked));
        assertEquals("WECHAT_USER_BLOCKED", b.code());
        assertEquals(403, b.status());
    }

    @Test
    void busyAnswerIsRetriedWithBackoffUntilItSucceeds() {
        String code = unique("busy");
        String scenario = unique("busy-scenario");
        server().stubFor(WeChatStub.login(code).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(wechat("{\"errcode\":-1,\"errmsg\":\"system error\"}")).willSetStateTo("second"));
        server().stubFor(WeChatStub.login(code).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(wechat("{\"errcode\":-1,\"errmsg\":\"system error\"}")).willSetStateTo("third"));
        server().stubFor(WeChatStub.login(code).inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(wechat("{\"openid\":\"busy-" + code + "\",\"session_key\":\"k\"}")));

        assertEquals("busy-" + code, client.jscode2session(code).await().atMost(WAIT).openid());
        assertEquals(3, server().countRequestsMatching(WeChatStub.login(code).build().getRequest()).getCount());
    }

    @Test
    void busyAnswerGivesUpAfterRetriesAsUnavailable() {
        String code = unique("always-busy");
        WeChatStub.loginError(code, -1);
        DomainException e = failure(client.jscode2session(code));
        assertEquals(503, e.status());
        assertEquals("WECHAT_UNAVAILABLE", e.code());
        assertEquals(4, server().countRequestsMatching(WeChatStub.login(code).build().getRequest()).getCount(),
                "one call and three retries");
    }

    @Test
    void slowAnswerTimesOutAsUnavailable() {
        String code = unique("slow");
        server().stubFor(WeChatStub.login(code).willReturn(wechat("{\"openid\":\"late\"}").withFixedDelay(6000)));
        long start = System.nanoTime();
        DomainException e = failure(client.jscode2session(code));
        assertEquals("WECHAT_UNAVAILABLE", e.code());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5500, "gave up at the timeout");
    }

    @Test
    void httpErrorsAndGarbageAreUnavailableNotCrashes() {
        String code = unique("http500");
        server().stubFor(WeChatStub.login(code).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        assertEquals("WECHAT_UNAVAILABLE", failure(client.jscode2session(code)).code());

        String garbage = unique("garbage");
        server().stubFor(WeChatStub.login(garbage).willReturn(wechat("<html>not json</html>")));
        assertEquals("WECHAT_UNAVAILABLE", failure(client.jscode2session(garbage)).code());
    }

    @Test
    void hundredConcurrentCallersWithEmptyCacheCauseOneTokenRequest() {
        String token = unique("shared-token");
        StubMapping slow = server().stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
                .willReturn(wechat("{\"access_token\":\"" + token + "\",\"expires_in\":7200}").withFixedDelay(300)));
        try {
            tokens.clear();
            long before = tokenRequests();
            List<CompletableFuture<String>> callers = IntStream.range(0, 100)
                    .mapToObj(i -> tokens.current().subscribeAsCompletionStage()).toList();
            callers.forEach(f -> assertEquals(token, f.join()));
            assertEquals(1, tokenRequests() - before);
            // and the cached token serves later callers without a request
            assertEquals(token, tokens.current().await().atMost(WAIT));
            assertEquals(1, tokenRequests() - before);
        } finally {
            server().removeStub(slow);
            tokens.clear();
        }
    }

    @Test
    void droppingATokenThatWasAlreadyReplacedKeepsTheNewOne() {
        tokens.clear();
        String current = tokens.current().await().atMost(WAIT);
        long before = tokenRequests();
        tokens.invalidate("an-older-token-another-caller-saw-fail");
        assertEquals(current, tokens.current().await().atMost(WAIT));
        assertEquals(0, tokenRequests() - before, "the cached token was kept");
        tokens.invalidate(current);
        tokens.current().await().atMost(WAIT);
        assertEquals(1, tokenRequests() - before, "the failed token itself is dropped and fetched anew");
    }

    @Test
    void expiredAccessTokenIsDroppedAndTheCallRetriedOnce() {
        String scenario = unique("rotation");
        String first = unique("old-token");
        String second = unique("new-token");
        StubMapping t1 = server().stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("rotated")
                .willReturn(wechat("{\"access_token\":\"" + first + "\",\"expires_in\":7200}")));
        StubMapping t2 = server().stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).inScenario(scenario)
                .whenScenarioStateIs("rotated")
                .willReturn(wechat("{\"access_token\":\"" + second + "\",\"expires_in\":7200}")));
        String code = unique("phone");
        StubMapping p1 = server().stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber"))
                .withQueryParam("access_token", equalTo(first))
                .willReturn(wechat("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}")));
        StubMapping p2 = server().stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber"))
                .withQueryParam("access_token", equalTo(second))
                .willReturn(wechat("{\"errcode\":0,\"phone_info\":{\"purePhoneNumber\":\"13912345678\","
                        + "\"countryCode\":\"86\"}}")));
        try {
            tokens.clear();
            long before = tokenRequests();
            assertEquals("13912345678", client.phoneNumber(code).await().atMost(WAIT).purePhoneNumber());
            assertEquals(2, tokenRequests() - before, "the failed token was dropped and replaced once");
        } finally {
            List.of(t1, t2, p1, p2).forEach(server()::removeStub);
            tokens.clear();
        }
    }

    @Test
    void tokenStillRejectedAfterOneRetryIsUnavailable() {
        String code = unique("phone-dead");
        StubMapping dead = server().stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber"))
                .withRequestBody(WireMock.containing(code))
                .willReturn(wechat("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}")));
        try {
            DomainException e = failure(client.phoneNumber(code));
            assertEquals("WECHAT_UNAVAILABLE", e.code());
            assertEquals(2, server().countRequestsMatching(postRequestedFor(
                    urlPathEqualTo("/wxa/business/getuserphonenumber")).withRequestBody(WireMock.containing(code))
                    .build()).getCount(), "retried exactly once");
        } finally {
            server().removeStub(dead);
            tokens.clear();
        }
    }

    @Test
    void invalidPhoneCodeIsExplainedAsSuch() {
        String code = unique("phone-bad");
        StubMapping bad = server().stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber"))
                .withRequestBody(WireMock.containing(code))
                .willReturn(wechat("{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));
        try {
            assertEquals("WECHAT_PHONE_CODE_INVALID", failure(client.phoneNumber(code)).code());
        } finally {
            server().removeStub(bad);
        }
    }

    private static long tokenRequests() {
        return server().countRequestsMatching(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).build())
                .getCount();
    }
}
