package cn.gridgov.incident;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status sets rendered as SQL say what the Java sets say, and the table knows every status. */
@QuarkusTest
class IncidentStatusSqlTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void sqlStatusListsAgreeWithTheJavaSets() {
        Map<String, Set<IncidentStatus>> sets = Map.of("OPEN", IncidentStatus.OPEN,
                "CLOCK_RUNNING", IncidentStatus.CLOCK_RUNNING, "HANDLING", IncidentStatus.HANDLING);
        sets.forEach((name, set) -> {
            for (IncidentStatus status : IncidentStatus.values()) {
                boolean inSql = IncidentFixture.pool()
                        .preparedQuery("SELECT $1::text IN " + IncidentStatus.sql(set) + " AS member")
                        .execute(Tuple.of(status.name())).await().atMost(WAIT).iterator().next().getBoolean("member");
                assertEquals(set.contains(status), inSql, name + " / " + status);
            }
        });
        assertEquals("('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS')",
                IncidentStatus.sql(IncidentStatus.CLOCK_RUNNING));
    }

    @Test
    void theIncidentTableAcceptsExactlyTheJavaStatuses() {
        String check = IncidentFixture.pool().query("""
                        SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
                        WHERE c.conrelid = 'incident'::regclass AND c.contype = 'c'
                          AND pg_get_constraintdef(c.oid) LIKE '%status%REPORTED%'""")
                .execute().await().atMost(WAIT).iterator().next().getString("def");
        for (IncidentStatus status : IncidentStatus.values()) {
            assertTrue(check.contains("'" + status.name() + "'"), status + " missing from " + check);
        }
        assertEquals(IncidentStatus.values().length, check.split("'").length / 2, check);
        assertTrue(EnumSet.allOf(IncidentStatus.class).containsAll(IncidentStatus.OPEN));
    }
}
