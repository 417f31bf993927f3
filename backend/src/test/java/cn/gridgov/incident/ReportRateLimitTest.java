package cn.gridgov.incident;

import cn.gridgov.media.TightLimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reports per user are limited (two per window in this profile); past it, 429 with Retry-After. */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
class ReportRateLimitTest {

    @Test
    void reportsPastTheLimitOfAUserAreRefusedWith429AndNotWritten() {
        IncidentFixture f = new IncidentFixture();
        f.report(f.resident.token(), f.body("0101", 0, List.of()), UUID.randomUUID().toString()).statusCode(201);
        f.report(f.resident.token(), f.body("0101", 30, List.of()), UUID.randomUUID().toString()).statusCode(201);
        f.report(f.resident.token(), f.body("0101", 60, List.of()), UUID.randomUUID().toString())
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_REPORTS"))
                .body("detail", containsString("上报过于频繁"));
        assertEquals(2L, IncidentFixture.pool().preparedQuery("SELECT count(*) FROM incident WHERE reporter_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(f.resident.userId())).await().indefinitely()
                .iterator().next().getLong(0));
        // another resident may still report
        f.report(f.otherResident.token(), f.body("0101", 90, List.of()), UUID.randomUUID().toString()).statusCode(201);
    }
}
