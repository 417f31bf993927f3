package cn.gridgov.incident;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A list of open incidents is planned over the partial indexes of open incidents, also in the generic plan the
 * pool's cached statement gets after a few executions: the statuses are literals, so the planner can prove the
 * indexes' predicates, and the narrow statement gathers the matching ones there before any order (on the benchmark's
 * million incidents the list is then one BitmapOr of what the viewer sees instead of a walk of the county's newest
 * incidents, see bench/incidents/RESULTS.md). The narrow statement and the plain one answer the same pages.
 */
@QuarkusTest
class OpenListPlanTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    IncidentSearch search;

    @Test
    void theOpenListReadsTheOpenIncidentIndexesEvenInTheGenericPlan() {
        IncidentFixture f = new IncidentFixture();
        f.reported("0101");
        IncidentFilter open = filter(IncidentStatus.OPEN, null, 20);
        Visibility admin = new Visibility(f.adminA.userId(), f.adminA.regionPath());
        assertTrue(IncidentSearch.narrowable(open));
        IncidentSearch.Where list = IncidentSearch.narrowListStatement(admin, open, null, Instant.EPOCH,
                IncidentSearch.NARROW_CAP);
        assertFalse(list.sql().contains("ANY($3)"), list.sql());
        String plan = genericPlan(list.sql(), f.adminA.userId() + ", '" + f.adminA.regionPath() + "', 21");
        assertTrue(plan.contains("$2"), "not the generic plan:\n" + plan);
        // on the few rows of a test database the planner may scan the small partial index whole rather than OR the
        // parts' bitmaps (it does on the benchmark's million, see RESULTS.md); either way it can use it, which it
        // cannot when the statuses are a parameter
        assertTrue(plan.contains("incident_open_"), "no partial index of open incidents in\n" + plan);
        assertFalse(plan.contains("incident_status_idx"), plan);
    }

    @Test
    void theNarrowAndThePlainStatementAnswerTheSamePages() {
        IncidentFixture f = new IncidentFixture();
        List<Long> reported = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            reported.add(f.reported("0101"));
        }
        f.act(f.adminA.token(), reported.get(1), "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), reported.get(3), "REJECT", Map.of("comment", "重复上报")).statusCode(200);
        Visibility admin = new Visibility(f.adminA.userId(), f.adminA.regionPath());
        List<IncidentFilter> filters = List.of(
                filter(IncidentStatus.OPEN, null, 20),
                filter(IncidentStatus.OPEN, null, 2),
                filter(IncidentStatus.OPEN, reported.get(4), 2),
                filter(EnumSet.of(IncidentStatus.REPORTED), null, 20),
                filter(EnumSet.of(IncidentStatus.ACCEPTED), null, 20),
                filter(null, null, 3),
                filter(EnumSet.of(IncidentStatus.REJECTED, IncidentStatus.REPORTED), null, 20));
        for (IncidentFilter filter : filters) {
            List<Long> plain = plainIds(admin, filter);
            assertEquals(plain, ids(search.list(admin, filter, null, Instant.EPOCH, IncidentSearch.NARROW_CAP)),
                    "the narrow statement's page of " + filter.statuses() + " before " + filter.beforeId());
            // a cap below what matches: the list is broad for this cap, and the plain statement reads it
            assertEquals(plain, ids(search.list(admin, filter, null, Instant.EPOCH, 1)),
                    "the fallback's page of " + filter.statuses() + " before " + filter.beforeId());
        }
        // what the pages hold, newest first: the four open ones, the rejected one left out (limit + 1 rows: the
        // caller tells a next page by the extra one)
        assertEquals(List.of(reported.get(4), reported.get(2), reported.get(1), reported.get(0)),
                plainIds(admin, filter(IncidentStatus.OPEN, null, 20)));
        assertEquals(List.of(reported.get(2), reported.get(1), reported.get(0)),
                plainIds(admin, filter(IncidentStatus.OPEN, reported.get(4), 2)));
        // another community's admin sees none of them through either statement
        Visibility other = new Visibility(f.adminB.userId(), f.adminB.regionPath());
        List<Long> seenByOther = ids(search.list(other, filter(IncidentStatus.OPEN, null, 20), null, Instant.EPOCH,
                IncidentSearch.NARROW_CAP));
        assertTrue(seenByOther.stream().noneMatch(reported::contains), seenByOther.toString());
    }

    private static IncidentFilter filter(Set<IncidentStatus> statuses, Long beforeId, int limit) {
        return new IncidentFilter(statuses, null, null, null, false, null, null, null, null, beforeId, limit);
    }

    private static List<Long> ids(io.smallrye.mutiny.Uni<List<Incident>> list) {
        return list.await().atMost(WAIT).stream().map(Incident::id).toList();
    }

    private static List<Long> plainIds(Visibility viewer, IncidentFilter filter) {
        IncidentSearch.Where plain = IncidentSearch.listStatement(viewer, filter, null, Instant.EPOCH);
        List<Long> out = new ArrayList<>();
        IncidentFixture.pool().preparedQuery(plain.sql()).execute(Tuple.from(plain.args())).await().atMost(WAIT)
                .forEach(r -> out.add(r.getLong("id")));
        return out;
    }

    /** PREPARE + EXPLAIN EXECUTE under force_generic_plan: the plan of the statement with its parameters unknown. */
    private static String genericPlan(String sql, String args) {
        return IncidentFixture.pool().withConnection(c -> c.query("SET plan_cache_mode = force_generic_plan; "
                                + "SET enable_seqscan = off; SET enable_indexscan = off; "
                                + "PREPARE list_plan(bigint, text, int) AS " + sql).execute()
                        .chain(() -> c.query("EXPLAIN EXECUTE list_plan(" + args + ")").execute())
                        .map(rows -> {
                            StringBuilder text = new StringBuilder();
                            rows.forEach(r -> text.append(r.getString(0)).append('\n'));
                            return text.toString();
                        })
                        .eventually(() -> c.query("DEALLOCATE list_plan; RESET ALL").execute()))
                .await().atMost(WAIT);
    }
}
