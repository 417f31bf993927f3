package cn.gridgov.identity;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PBKDF2 password hashes: salted, verifiable, and checked off the event loop. */
@QuarkusTest
class PasswordHasherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PasswordHasher hasher;

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
}
