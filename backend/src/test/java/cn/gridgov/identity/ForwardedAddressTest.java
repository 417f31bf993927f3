package cn.gridgov.identity;

import cn.gridgov.identity.staff.StaffApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Per-address login limits count the address the trusted proxy appended to {@code X-Forwarded-For} (the
 * rightmost untrusted entry), never what the client wrote in front of it. Tests call from 127.0.0.1, a
 * trusted proxy in every profile.
 */
@QuarkusTest
class ForwardedAddressTest {

    @Inject
    IdentityConfig config;

    @Test
    void addressesTheClientWritesInFrontOfTheProxysEntryAreIgnored() {
        String client = StaffApi.address();
        int limit = config.login().addressFreeFailures();
        for (int i = 1; i <= limit; i++) {
            StaffApi.login(StaffApi.username(), "wrong-password", "203.0.113." + i + ", " + client)
                    .statusCode(401).body("code", equalTo("LOGIN_FAILED"));
        }
        // the client's own address has used up its failures, whatever it writes in front of it
        StaffApi.login(StaffApi.username(), "wrong-password", "198.51.100.7, " + client)
                .statusCode(429).body("code", equalTo("LOGIN_DELAYED_ADDRESS"));
        StaffApi.login(StaffApi.username(), "wrong-password", client)
                .statusCode(429).body("code", equalTo("LOGIN_DELAYED_ADDRESS"));
        // another client behind the same made-up entry is not held back
        StaffApi.login(StaffApi.username(), "wrong-password", "203.0.113.1, " + StaffApi.address())
                .statusCode(401).body("code", equalTo("LOGIN_FAILED"));
    }

    @Test
    void trustedProxiesInTheChainAreSkippedFromTheRight() {
        String client = StaffApi.address();
        int limit = config.login().addressFreeFailures();
        for (int i = 1; i <= limit; i++) {
            // client-written entry, the client as the outer proxy saw it, then an inner proxy of ours (loopback)
            StaffApi.login(StaffApi.username(), "wrong-password", "203.0.113." + i + ", " + client + ", 127.0.0.5")
                    .statusCode(401);
        }
        StaffApi.login(StaffApi.username(), "wrong-password", client).statusCode(429);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64NetworkAnIpv4ClientByItsAddress() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.limitKey("2001:db8:1:2::1"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.limitKey("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assertEquals("2001:db8:1:3::/64", ClientAddress.limitKey("[2001:db8:1:3::9]"));
        assertEquals("203.0.113.7", ClientAddress.limitKey("203.0.113.7"));
        assertEquals("203.0.113.7", ClientAddress.limitKey("::ffff:203.0.113.7"), "IPv4-mapped is IPv4");
    }
}
