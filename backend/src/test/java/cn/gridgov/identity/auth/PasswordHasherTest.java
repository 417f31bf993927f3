package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.IdentityConfig;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PBKDF2 password hashes: salted, verifiable, checked off the event loop, and upgraded when weaker than configured. */
@QuarkusTest
class PasswordHasherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PasswordHasher hasher;

    @Inject
    IdentityConfig config;

    @Inject
    Pool pool;

    @Test
    void hashesAreSaltedAndVerify() {
        String a = hasher.hash("correct horse").await().atMost(WAIT);
        String b = hasher.hash("correct horse").await().atMost(WAIT);
        assertNotEquals(a, b);
        assertTrue(hasher.verify("correct horse", a).await().atMost(WAIT));
        assertFalse(hasher.verify("correct horse!", a).await().atMost(WAIT));
        assertFalse(hasher.verify("anything", null).await().atMost(WAIT));
        assertFalse(hasher.verify("anything", "md5$abc").await().atMost(WAIT));
    }

    @Test
    void weakerHashIsReplacedAtTheNextSuccessfulLogin() {
        TestTokens.Staff staff = TestTokens.staffOn(RegionFixture.create().communityA(), Role.GRID_LEADER);
        int iterations = config.passwordIterations();
        String weak = hasher.hashNow(staff.password(), iterations / 10);
        pool.preparedQuery("UPDATE staff_account SET password_hash = $2 WHERE user_id = $1")
                .execute(Tuple.of(staff.userId(), weak)).await().atMost(WAIT);
        assertTrue(hasher.needsRehash(weak));

        // a failed login changes nothing
        StaffApi.login(staff.username(), "not-the-password").statusCode(401);
        assertEquals(weak, storedHash(staff.userId()));

        StaffApi.login(staff.username(), staff.password()).statusCode(200);
        String upgraded = storedHash(staff.userId());
        assertTrue(upgraded.startsWith("pbkdf2-sha256$" + iterations + "$"), upgraded);
        assertFalse(hasher.needsRehash(upgraded));
        assertTrue(hasher.verify(staff.password(), upgraded).await().atMost(WAIT));
        StaffApi.login(staff.username(), staff.password()).statusCode(200);
    }

    private String storedHash(long userId) {
        return pool.preparedQuery("SELECT password_hash FROM staff_account WHERE user_id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getString("password_hash")).await().atMost(WAIT);
    }
}
