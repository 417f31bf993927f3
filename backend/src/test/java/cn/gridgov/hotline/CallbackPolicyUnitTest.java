package cn.gridgov.hotline;

import cn.gridgov.common.error.Invalid;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

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
        return new CallbackPolicy(false, List.of(allowedHosts), vertx);
    }

    @Test
    void plainHttpIsRefusedWithoutTheDevelopmentFlag() {
        Invalid refused = assertThrows(Invalid.class,
                () -> production().checked("callbackUrl", "http://12345.example.gov.cn/cb"));
        assertEquals(CallbackPolicy.REFUSED, refused.code());
        assertEquals("https://12345.example.gov.cn/cb", production().checked("callbackUrl", "https://12345.example.gov.cn/cb"));
        assertEquals("http://127.0.0.1:8089/cb",
                new CallbackPolicy(true, List.of("127.0.0.1"), vertx).checked("callbackUrl", "http://127.0.0.1:8089/cb"));
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
        String refusal = production().refusalAtSend("https://" + own + "/cb").await().atMost(Duration.ofSeconds(30));
        assertNotNull(refusal);
        assertTrue(refusal.contains("解析为"), refusal);
        assertNotNull(production().refusalAtSend("http://12345.example.gov.cn/cb").await().atMost(Duration.ofSeconds(30)));
        assertNull(production(own).refusalAtSend("https://" + own + "/cb").await().atMost(Duration.ofSeconds(30)),
                "a listed host is allowed");
    }
}
