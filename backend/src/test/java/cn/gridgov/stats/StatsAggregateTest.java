package cn.gridgov.stats;

import cn.gridgov.common.time.TestClock;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.incident.supervision.Supervisor;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static cn.gridgov.stats.StatsOverviewTest.FROM;
import static cn.gridgov.stats.StatsOverviewTest.TO;
import static cn.gridgov.stats.StatsOverviewTest.assertDays;
import static cn.gridgov.stats.StatsOverviewTest.assertFigures;
import static cn.gridgov.stats.StatsOverviewTest.json;
import static cn.gridgov.stats.StatsOverviewTest.overview;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's aggregate (V7_93: kept by triggers, folded by {@link StatsCompactor}) stays that of the incident
 * rows whatever writes them: transitions through the API, supervision, re-districting by an import, a hand-written
 * UPDATE, before and after a fold, and inside the writing transaction itself.
 */
@QuarkusTest
class StatsAggregateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    Supervisor supervisor;

    @Inject
    StatsRepository stats;

    @Inject
    StatsCompactor compactor;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private IncidentFixture townWithIncidents() {
        StatsOverviewTest scenario = new StatsOverviewTest();
        scenario.clock = clock;
        scenario.supervisor = supervisor;
        return scenario.townWithIncidents();
    }

    @Test
    void theAggregateFollowsTransitionsReDistrictingAndHandWrittenUpdates() {
        IncidentFixture f = townWithIncidents();
        RegionFixture.Tree tree = f.tree;
        assertTownAsItsRows(f);

        // more transitions: A's reported one accepted and dispatched
        long reported = idOf(tree.compoundA().path(), "REPORTED");
        f.act(f.adminA.token(), reported, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), reported, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        assertTownAsItsRows(f);

        // re-districting: compound A (with its incidents) moves from community A to community B by an import
        moveCompoundAToCommunityB(tree);
        JsonPath town = json(overview(f.townAdmin.token(), tree.town().id(), FROM, TO));
        assertEquals(0.0, town.getDouble("children[0].figures.received"), "community A has nothing left");
        assertEquals(5.0, town.getDouble("children[1].figures.received"), "community B has all five");
        assertTownAsItsRows(f);

        // a hand-written UPDATE of many rows (as a repair script would): the triggers count it all the same
        IncidentFixture.rows("UPDATE incident SET rating = 2 WHERE region_path <@ text2ltree($1) AND status = 'CLOSED'",
                tree.town().path());
        IncidentFixture.rows("UPDATE incident_supervision s SET overdue_at = NULL FROM incident i"
                + " WHERE i.id = s.incident_id AND i.region_path <@ text2ltree($1)", tree.town().path());
        town = json(overview(f.townAdmin.token(), tree.town().id(), FROM, TO));
        assertEquals(2.0, town.getDouble("figures.meanRating"));
        assertEquals(0.0, town.getDouble("figures.red"));
        assertTownAsItsRows(f);
        // put the red marks back (from their flow rows), so supervision finds its state as it left it
        IncidentFixture.rows("UPDATE incident_supervision s SET overdue_at = w.at FROM incident i, incident_flow w"
                + " WHERE i.id = s.incident_id AND w.incident_id = i.id AND w.action = 'OVERDUE'"
                + " AND i.region_path <@ text2ltree($1)", tree.town().path());
        town = json(overview(f.townAdmin.token(), tree.town().id(), FROM, TO));
        assertEquals(3.0, town.getDouble("figures.red"));
        assertTownAsItsRows(f);

        // and folding the deltas changes no figure, leaving none behind for the town
        JsonPath before = town;
        compactor.runOnce().await().atMost(WAIT);
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM stats_delta d JOIN region r ON r.id = d.node_id"
                + " WHERE r.path <@ text2ltree($1)", tree.town().path()));
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM stats_day WHERE n = 0"));
        JsonPath after = json(overview(f.townAdmin.token(), tree.town().id(), FROM, TO));
        assertEquals(before.getMap("figures"), after.getMap("figures"));
        assertEquals(before.getList("children"), after.getList("children"));
        assertEquals(before.getList("days"), after.getList("days"));
        assertTownAsItsRows(f);
    }

    @Test
    void aTransactionSeesItsOwnWritesInTheFiguresAndARollbackLeavesNoTrace() {
        IncidentFixture f = townWithIncidents();
        String townPath = f.tree.town().path();
        long townId = f.tree.town().id();
        List<Long> children = List.of(f.tree.communityA().id(), f.tree.communityB().id());
        StatsPeriod period = new StatsPeriod(LocalDate.parse(FROM), LocalDate.parse(TO));
        long open = idOf(f.tree.compoundB().path(), "REPORTED");
        JsonPath before = json(overview(f.townAdmin.token(), townId, FROM, TO));

        RuntimeException rollback = new RuntimeException("roll back");
        Uni<StatsRepository.Aggregates> inside = IncidentFixture.pool().withTransaction(tx -> tx.preparedQuery(
                        "UPDATE incident SET status = 'CLOSED', closed_at = reported_at + interval '3 hours', rating = 4"
                                + " WHERE id = $1").execute(Tuple.of(open))
                .chain(() -> tx.preparedQuery("DELETE FROM incident_supervision WHERE incident_id = $1")
                        .execute(Tuple.of(open)))
                .chain(() -> stats.overview(tx, townId, children, period))
                .call(aggregates -> {
                    StatsFigures town = aggregates.node();
                    return Uni.combine().all().unis(
                                    count(tx, "SELECT count(*) FROM incident WHERE region_path <@ text2ltree($1)"
                                            + " AND status = 'CLOSED'", townPath),
                                    count(tx, "SELECT count(*) FROM incident WHERE region_path <@ text2ltree($1)"
                                            + " AND status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS',"
                                            + " 'SUSPENDED')", townPath),
                                    count(tx, "SELECT count(*) FROM incident i JOIN incident_supervision s"
                                            + " ON s.incident_id = i.id WHERE i.region_path <@ text2ltree($1)"
                                            + " AND i.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS',"
                                            + " 'SUSPENDED') AND s.overdue_at IS NOT NULL", townPath),
                                    count(tx, "SELECT count(rating) FROM incident WHERE region_path <@ text2ltree($1)",
                                            townPath))
                            .asTuple().invoke(t -> {
                                assertEquals(t.getItem1().longValue(), town.closed(), "closed, inside the transaction");
                                assertEquals(t.getItem2().longValue(), town.open(), "open, inside the transaction");
                                assertEquals(t.getItem3().longValue(), town.red(), "red, inside the transaction");
                                assertEquals(t.getItem4().longValue(), town.rated(), "rated, inside the transaction");
                            });
                })
                .invoke(aggregates -> {
                    throw rollback;
                }));
        StatsRepository.Aggregates seen = null;
        try {
            seen = inside.await().atMost(WAIT);
        } catch (RuntimeException e) {
            if (e != rollback) {
                throw e;
            }
        }
        assertEquals(null, seen);

        // what the transaction saw differs from what was committed before, and after the rollback nothing changed
        JsonPath after = json(overview(f.townAdmin.token(), townId, FROM, TO));
        assertEquals(before.getMap("figures"), after.getMap("figures"));
        assertEquals(before.getList("children"), after.getList("children"));
        assertNotEquals(0.0, after.getDouble("figures.open"));
        assertTownAsItsRows(f);
    }

    @Test
    void aWritingStatementAppendsOneDeltaRowPerThousandEntries() {
        IncidentFixture f = new IncidentFixture();
        long before = IncidentFixture.intValue("SELECT coalesce(max(id), 0) FROM stats_delta_batch");
        long id = f.reportInA("0101");
        // the report's insert: one row holding every entry the incident contributes (V7_101)
        List<Row> rows = IncidentFixture.rows("SELECT id, cardinality(node_ids) AS entries FROM stats_delta_batch"
                + " WHERE id > $1", before);
        assertEquals(1, rows.size(), "one delta row for the report");
        int entries = IncidentFixture.intValue("SELECT count(*) FROM incident i, LATERAL stats_incident_rows("
                + "i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status, i.category_id, i.source,"
                + " i.rating, NULL, NULL, NULL) c WHERE i.id = $1", id);
        assertEquals(entries, rows.get(0).getInteger("entries"));
        assertEquals(entries, IncidentFixture.intValue("SELECT count(*) FROM stats_delta WHERE id = $1",
                rows.get(0).getLong("id")), "read back one by one");

        // a statement contributing 2,500 entries (an import's, a re-districting's) writes rows of at most 1,000
        RuntimeException rollback = new RuntimeException("roll back");
        AtomicReference<List<Integer>> seen = new AtomicReference<>();
        Uni<List<Integer>> appended = IncidentFixture.pool().withTransaction(tx -> tx.query(
                        "SELECT stats_append(ARRAY(SELECT ROW(-1, DATE '2026-01-01', 'S', 'K' || g, 1, 0)::stats_entry"
                                + " FROM generate_series(1, 2500) g))").execute()
                .chain(() -> tx.query("SELECT cardinality(node_ids) AS n FROM stats_delta_batch"
                        + " WHERE node_ids && ARRAY[-1::bigint] ORDER BY id").execute())
                .map(result -> {
                    List<Integer> sizes = new ArrayList<>();
                    result.forEach(r -> sizes.add(r.getInteger("n")));
                    return sizes;
                })
                .invoke(sizes -> {
                    seen.set(sizes);
                    throw rollback;
                }));
        try {
            appended.await().atMost(WAIT);
        } catch (RuntimeException e) {
            if (e != rollback) {
                throw e;
            }
        }
        assertEquals(List.of(500, 1000, 1000), seen.get().stream().sorted().toList());
        assertEquals(0, IncidentFixture.intValue(
                "SELECT count(*) FROM stats_delta_batch WHERE node_ids && ARRAY[-1::bigint]"));
    }

    @Test
    void theHistogramsBucketsAreFifteenMinutesThenAnHourThenSixHoursThenADay() {
        // seconds -> the mid-point of its bucket
        long[][] cases = {{0, 450}, {899, 450}, {900, 1350}, {86_399, 85_950}, {86_400, 88_200},
                {604_799, 603_000}, {604_800, 615_600}, {2_591_999, 2_581_200}, {2_592_000, 2_635_200}, {-5, 450}};
        for (long[] c : cases) {
            assertEquals(c[1], ((Number) IncidentFixture.rows("SELECT stats_handling_bucket($1::numeric) AS b", c[0])
                    .get(0).getValue("b")).longValue(), "bucket of " + c[0] + " s");
        }
    }

    @Test
    void theAggregatesDayIsTheDayInShanghaiAsTheApisPeriods() {
        // V7_93 writes the zone into its SQL: it must be the one the API's periods use
        assertEquals("Asia/Shanghai", cn.gridgov.common.time.ApiTime.ZONE.getId());
        List<Row> rows = IncidentFixture.rows("SELECT day FROM stats_incident_rows(text2ltree('1'),"
                + " '2026-03-09T16:30:00Z'::timestamptz, NULL, NULL, 'REPORTED', 1, 'RESIDENT', NULL, NULL, NULL, 0)"
                + " WHERE dim = 'S'");
        assertEquals(LocalDate.parse("2026-03-10"), rows.get(0).getLocalDate("day"));
    }

    /** The town's dashboard, and each community's and compound's, figure by figure against the rows. */
    private static void assertTownAsItsRows(IncidentFixture f) {
        RegionFixture.Tree tree = f.tree;
        JsonPath town = json(overview(f.townAdmin.token(), tree.town().id(), FROM, TO));
        assertFigures(town.getMap("figures"), tree.town().path());
        List<Map<String, Object>> children = town.getList("children");
        for (int i = 0; i < children.size(); i++) {
            String path = IncidentFixture.rows("SELECT ltree2text(path) AS p FROM region WHERE id = $1",
                    ((Number) children.get(i).get("regionId")).longValue()).get(0).getString("p");
            assertFigures(town.getMap("children[" + i + "].figures"), path);
        }
        assertDays(town, tree.town().path());
        JsonPath b = json(overview(f.townAdmin.token(), tree.communityB().id(), FROM, TO));
        for (int i = 0; i < b.getList("children").size(); i++) {
            String path = IncidentFixture.rows("SELECT ltree2text(path) AS p FROM region WHERE id = $1",
                    b.getLong("children[" + i + "].regionId")).get(0).getString("p");
            assertFigures(b.getMap("children[" + i + "].figures"), path);
        }
        assertAggregateIsTheRowsOf(tree.town().path());
    }

    /** Every aggregate row of the nodes under {@code path}, every day and dimension, against a recount from the rows. */
    private static void assertAggregateIsTheRowsOf(String path) {
        String stored = """
                SELECT a.node_id, a.day, a.dim, a.key, sum(a.n) AS n, sum(a.micros) AS micros
                FROM (SELECT node_id, day, dim, key, n, micros FROM stats_day
                      UNION ALL SELECT node_id, day, dim, key, n, micros FROM stats_delta) a
                WHERE a.node_id IN (SELECT id FROM region WHERE path <@ text2ltree($1))
                GROUP BY 1, 2, 3, 4 HAVING sum(a.n) <> 0""";
        String recounted = """
                SELECT c.node_id, c.day, c.dim, c.key, sum(c.n) AS n, sum(c.micros) AS micros
                FROM incident i LEFT JOIN incident_supervision s ON s.incident_id = i.id,
                     LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                         i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
                WHERE i.region_path <@ text2ltree($1) AND c.node_id IN (SELECT id FROM region WHERE path <@ text2ltree($1))
                GROUP BY 1, 2, 3, 4""";
        int differing = IncidentFixture.intValue("SELECT count(*) FROM ((" + stored + " EXCEPT " + recounted + ")"
                + " UNION ALL (" + recounted + " EXCEPT " + stored + ")) d", path);
        assertEquals(0, differing, "aggregate rows that differ from the recount under " + path);
        assertTrue(IncidentFixture.intValue("SELECT count(*) FROM (" + stored + ") s", path) > 0);
    }

    private static long idOf(String path, String status) {
        return IncidentFixture.rows("SELECT id FROM incident WHERE region_path <@ text2ltree($1) AND status = $2"
                + " ORDER BY id LIMIT 1", path, status).get(0).getLong("id");
    }

    private static Uni<Long> count(SqlClient tx, String sql, Object arg) {
        return tx.preparedQuery(sql).execute(Tuple.of(arg)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** As RedistrictingTest: an import that moves compound A (keeping its code) under community B. */
    private static void moveCompoundAToCommunityB(RegionFixture.Tree tree) {
        RegionFixture.Node a = tree.compoundA();
        RegionFixture.Node b = tree.communityB();
        Map<String, Object> communityB = RegionFixture.feature(b.code(), tree.town().code(), b.name(), "COMMUNITY",
                RegionFixture.polygon(a.lng() - 0.015, b.lat() - 0.015, b.lng() + 0.01, b.lat() + 0.015));
        Map<String, Object> compoundA = RegionFixture.feature(a.code(), b.code(), a.name(), "COMPOUND",
                RegionFixture.polygon(a.lng() - 0.01, a.lat() - 0.01, a.lng() + 0.01, a.lat() + 0.01));
        RegionFixture.imported(RegionFixture.withCounty(communityB, compoundA)).body("state", equalTo("SUCCEEDED"));
    }
}
