package cn.gridgov.hotline;

import cn.gridgov.common.error.Invalid;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The callback policy as production configures it: https only, no internal address unless the host is listed. */
class CallbackPolicyUnitTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static CallbackPolicy production(String... allowedHosts) {
        return new CallbackPolicy(false, List.of(allowedHosts), vertx, InetAddress::getAllByName);
    }

    private static String refusalAtSend(CallbackPolicy policy, String url) {
        return policy.atSend(url).await().atMost(Duration.ofSeconds(30)).refusal();
    }

    @Test
    void plainHttpIsRefusedWithoutTheDevelopmentFlag() {
        Invalid refused = assertThrows(Invalid.class,
                () -> production().checked("callbackUrl", "http://12345.example.gov.cn/cb"));
        assertEquals(CallbackPolicy.REFUSED, refused.code());
        assertEquals("https://12345.example.gov.cn/cb", production().checked("callbackUrl", "https://12345.example.gov.cn/cb"));
        assertEquals("http://127.0.0.1:8089/cb",
                new CallbackPolicy(true, List.of("127.0.0.1"), vertx, InetAddress::getAllByName).checked("callbackUrl", "http://127.0.0.1:8089/cb"));
    }

    @Test
    void internalAddressesAreRefusedUnlessTheHostIsListed() {
        assertThrows(Invalid.class, () -> production().checked("callbackUrl", "https://127.0.0.1/cb"));
        assertThrows(Invalid.class, () -> production().checked("callbackUrl", "https://localhost/cb"));
        assertThrows(Invalid.class, () -> production().checked("callbackUrl", "https://[fe80::1]/cb"));
        assertEquals("https://10.20.30.40/cb", production("10.20.30.40").checked("callbackUrl", "https://10.20.30.40/cb"));
        assertEquals("https://gateway.gov.internal/cb",
                production("Gateway.gov.internal").checked("callbackUrl", "https://gateway.gov.internal/cb"));
        assertNull(production().checked("callbackUrl", null));
    }

    @Test
    void atSendTimeANameThatResolvesToAnInternalAddressIsRefused() throws Exception {
        // this machine's own name resolves (through its hosts file) to a loopback or private address
        String own = InetAddress.getLocalHost().getHostName();
        String refusal = refusalAtSend(production(), "https://" + own + "/cb");
        assertNotNull(refusal);
        assertTrue(refusal.contains("解析为"), refusal);
        assertNotNull(refusalAtSend(production(), "http://12345.example.gov.cn/cb"));
        assertNull(refusalAtSend(production(own), "https://" + own + "/cb"),
                "a listed host is allowed");
    }

    /**
     * DNS rebinding: a name that answers a public address when checked and an internal one a moment later. The policy
     * looks it up once and hands over the address it checked, which the post connects to; the second answer is never
     * asked for.
     */
    @Test
    void theAddressCheckedAtSendTimeIsTheOneToConnectTo() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("203.0.113.7");
        InetAddress internal = InetAddress.getByName("127.0.0.1");
        AtomicInteger lookups = new AtomicInteger();
        CallbackPolicy policy = new CallbackPolicy(false, List.of(), vertx,
                host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? publicAddress : internal});
        CallbackPolicy.SendTarget target = policy.atSend("https://rebind.example.gov.cn/cb")
                .await().atMost(Duration.ofSeconds(30));
        assertNull(target.refusal());
        assertEquals(publicAddress, target.address());
        assertEquals(1, lookups.get(), "looked up once");
        // the next send looks it up again, and this time refuses it
        assertNotNull(policy.atSend("https://rebind.example.gov.cn/cb").await().atMost(Duration.ofSeconds(30)).refusal());
        // nothing to pin for a literal address or a listed host
        assertNull(production().atSend("https://203.0.113.8/cb").await().atMost(Duration.ofSeconds(30)).address());
        assertNull(production("gateway.gov.internal").atSend("https://gateway.gov.internal/cb")
                .await().atMost(Duration.ofSeconds(30)).address());
    }

    /**
     * The post goes to the pinned address, not to the URL's host, which keeps its place in the Host header: the name
     * here cannot be resolved at all (.invalid), yet the request reaches the local server.
     */
    @Test
    void aPinnedPostConnectsToTheAddressAndKeepsTheHostName() throws Exception {
        AtomicReference<String> hostHeader = new AtomicReference<>();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            hostHeader.set(request.getHeader("Host"));
            request.response().setStatusCode(204).endAndForget();
        }).listen(0, "127.0.0.1").await().atMost(Duration.ofSeconds(30));
        WebClient web = WebClient.create(vertx);
        try {
            String url = "http://callback.invalid:" + server.actualPort() + "/cb";
            int status = HotlineCallbackSender.postTo(web, url, InetAddress.getByName("127.0.0.1"))
                    .sendBuffer(Buffer.buffer("{}")).await().atMost(Duration.ofSeconds(30)).statusCode();
            assertEquals(204, status);
            assertEquals("callback.invalid:" + server.actualPort(), hostHeader.get());
        } finally {
            web.close();
            server.closeAndAwait();
        }
    }
}
