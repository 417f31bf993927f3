package cn.gridgov.incident;

import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Visibility}'s SQL predicate, its form for lists and its Java mirror give the same answer, for incident
 * reads and for the feed's replay of flow rows, over a fixed set of callers and incidents.
 */
@QuarkusTest
class VisibilitySqlTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    IncidentRepository repository;

    @Test
    void sqlAndJavaAgreeForEveryCallerAndIncident() {
        IncidentFixture f = new IncidentFixture();
        IncidentFixture other = new IncidentFixture();
        long reportedA = f.reported("0101");
        long dispatched = f.reported("0102");
        f.act(f.adminA.token(), dispatched, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), dispatched, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        long elsewhere = other.reported("0101");
        List<Long> ids = List.of(reportedA, dispatched, elsewhere);

        List<Visibility> viewers = List.of(
                staff(f.worker), staff(f.adminA), staff(f.adminB), staff(f.townAdmin), staff(other.adminA),
                new Visibility(f.resident.userId(), null), new Visibility(f.otherResident.userId(), null),
                new Visibility(other.resident.userId(), null), new Visibility(f.worker.userId(), null));

        int seen = 0;
        int unseen = 0;
        for (Visibility viewer : viewers) {
            Set<Long> bySql = new HashSet<>();
            IncidentFixture.pool().preparedQuery("SELECT i.id FROM incident i WHERE i.id = ANY($3) AND "
                            + Visibility.sql(1))
                    .execute(Tuple.of(viewer.userId(), viewer.scopePath(), ids.toArray(Long[]::new)))
                    .await().atMost(WAIT).forEach(r -> bySql.add(r.getLong("id")));
            Set<Long> byListSql = new HashSet<>();
            IncidentFixture.pool().preparedQuery("SELECT i.id FROM incident i WHERE i.id = ANY($3) AND "
                            + Visibility.listSql(1))
                    .execute(Tuple.of(viewer.userId(), viewer.scopePath(), ids.toArray(Long[]::new)))
                    .await().atMost(WAIT).forEach(r -> byListSql.add(r.getLong("id")));
            assertEquals(bySql, byListSql, "lists: " + viewer);
            for (Row r : IncidentFixture.pool().preparedQuery("SELECT id, reporter_id, assignee_id, "
                            + "ltree2text(region_path) AS region_path FROM incident WHERE id = ANY($1)")
                    .execute(Tuple.of(ids.toArray(Long[]::new))).await().atMost(WAIT)) {
                boolean byJava = viewer.sees(r.getLong("reporter_id"), r.getLong("assignee_id"),
                        r.getString("region_path"));
                assertEquals(byJava, bySql.contains(r.getLong("id")), viewer + " / incident " + r.getLong("id"));
                if (byJava) {
                    seen++;
                } else {
                    unseen++;
                }
            }

            long before = firstFlowId(ids) - 1;
            Set<Long> replayed = new HashSet<>();
            repository.flowEventsSince(IncidentFixture.pool(), before, viewer, 1000).await().atMost(WAIT)
                    .forEach(e -> replayed.add(e.entry().id()));
            for (IncidentRepository.FlowEvent e : repository.flowEventsSince(IncidentFixture.pool(), before, 1000)
                    .await().atMost(WAIT)) {
                if (ids.contains(e.entry().incidentId())) {
                    assertEquals(viewer.sees(e.reporterId(), e.entry().assigneeId(), e.regionPath()),
                            replayed.contains(e.entry().id()), viewer + " / flow " + e.entry().id());
                }
            }
        }
        // the set covers both answers, so neither side can agree by always saying yes or no
        assertTrue(seen > 0);
        assertTrue(unseen > 0);
        assertFalse(new Visibility(f.adminB.userId(), f.adminB.regionPath()).sees(f.resident.userId(), null,
                f.tree.compoundA().path()));
    }

    private static Visibility staff(TestTokens.Staff s) {
        return new Visibility(s.userId(), s.regionPath());
    }

    private static long firstFlowId(List<Long> incidents) {
        List<Long> out = new ArrayList<>();
        IncidentFixture.pool().preparedQuery("SELECT min(id) AS id FROM incident_flow WHERE incident_id = ANY($1)")
                .execute(Tuple.of(incidents.toArray(Long[]::new))).await().atMost(WAIT)
                .forEach(r -> out.add(r.getLong("id")));
        return out.get(0);
    }
}
