package cn.gridgov.incident;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A list of open incidents is planned over the partial indexes of open incidents, also in the generic plan the
 * pool's cached statement gets after a few executions: the statuses are literals, so the planner can prove the
 * indexes' predicates (on the benchmark's million incidents the list is then one BitmapOr of what the viewer sees
 * instead of a walk of the county's newest incidents, see bench/incidents/RESULTS.md).
 */
@QuarkusTest
class OpenListPlanTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theOpenListReadsTheOpenIncidentIndexesEvenInTheGenericPlan() {
        IncidentFixture f = new IncidentFixture();
        f.reported("0101");
        IncidentFilter open = new IncidentFilter(IncidentStatus.OPEN, null, null, null, false, null, null, null, null,
                null, 20);
        IncidentSearch.Where list = IncidentSearch.listStatement(
                new Visibility(f.adminA.userId(), f.adminA.regionPath()), open, null, Instant.EPOCH);
        assertFalse(list.sql().contains("ANY($3)"), list.sql());
        // PREPARE + EXPLAIN EXECUTE under force_generic_plan: the plan of the statement with its parameters unknown
        String plan = IncidentFixture.pool().withConnection(c -> c.query("SET plan_cache_mode = force_generic_plan; "
                                + "SET enable_seqscan = off; SET enable_indexscan = off; "
                                + "PREPARE list_plan(bigint, text, int) AS " + list.sql()).execute()
                        .chain(() -> c.query("EXPLAIN EXECUTE list_plan(" + f.adminA.userId() + ", '"
                                + f.adminA.regionPath() + "', 21)").execute())
                        .map(rows -> {
                            StringBuilder text = new StringBuilder();
                            rows.forEach(r -> text.append(r.getString(0)).append('\n'));
                            return text.toString();
                        })
                        .eventually(() -> c.query("DEALLOCATE list_plan; RESET ALL").execute()))
                .await().atMost(WAIT);
        assertTrue(plan.contains("$2"), "not the generic plan:\n" + plan);
        // on the few rows of a test database the planner may scan the small partial index whole rather than OR the
        // parts' bitmaps (it does on the benchmark's million, see RESULTS.md); either way it can use it, which it
        // cannot when the statuses are a parameter
        assertTrue(plan.contains("incident_open_"), "no partial index of open incidents in\n" + plan);
        assertFalse(plan.contains("incident_status_idx"), plan);
    }
}
