package cn.gridgov.people.visit;

import cn.gridgov.common.time.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static cn.gridgov.people.visit.VisitTest.at;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Missed visits in supervision, by the incidents' rules and the test clock: yellow once most of the interval's working
 * time is used, red once overdue, pressed on by the community then the town, each once; a visit starts afresh.
 */
@QuarkusTest
class VisitSupervisionTest {

    @Inject
    TestClock clock;

    @Inject
    VisitSupervisor supervisor;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void missedVisitTurnsYellowThenRedAndIsPressedOnUpTheTreeOnce() {
        Instant visited = at(2026, 12, 2, 9, 0);   // a plain Wednesday; due the next Wednesday 09:00
        clock.freezeAt(visited);
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        f.visited(household, visited);

        clock.freezeAt(at(2026, 12, 7, 10, 0));   // 13 of 35 working hours left
        run();
        f.dueOf(f.worker.token(), household).statusCode(200).body("supervision", equalTo("NONE"));
        assertEquals(List.of(), marks(household));

        clock.freezeAt(at(2026, 12, 8, 15, 0));   // 3.5 of 35 working hours left: yellow
        run();
        run();
        f.dueOf(f.worker.token(), household).statusCode(200).body("supervision", equalTo("YELLOW"))
                .body("pressedLevel", equalTo(0));
        assertEquals(List.of("WARN:0"), marks(household));

        clock.freezeAt(at(2026, 12, 9, 10, 0));   // an hour overdue: red, and the community presses on it
        run();
        run();
        f.dueOf(f.worker.token(), household).statusCode(200).body("supervision", equalTo("RED"))
                .body("overdueDays", equalTo(0)).body("pressedLevel", equalTo(1));
        assertEquals(List.of("WARN:0", "OVERDUE:0", "SUPERVISE:" + f.tree.communityA().id()), marks(household));

        clock.freezeAt(at(2026, 12, 10, 10, 0));   // 7 working hours since: not yet the next level
        run();
        assertEquals(3, marks(household).size());

        clock.freezeAt(at(2026, 12, 11, 10, 0));   // 14 working hours since: the town
        run();
        run();
        assertEquals(List.of("WARN:0", "OVERDUE:0", "SUPERVISE:" + f.tree.communityA().id(),
                "SUPERVISE:" + f.tree.town().id()), marks(household));
        f.dueOf(f.worker.token(), household).statusCode(200).body("pressedLevel", equalTo(2))
                .body("overdueDays", equalTo(2));

        // the visit is made: a new cycle, nothing to supervise
        f.visited(household, at(2026, 12, 11, 10, 0));
        run();
        f.dueOf(f.worker.token(), household).statusCode(200).body("supervision", equalTo("NONE"))
                .body("pressedLevel", equalTo(0)).body("overdueDays", equalTo(-7));
    }

    @Test
    void neverVisitedHouseholdIsOverdueFromTheDayItJoinedAndMarkedOnce() {
        clock.freezeAt(at(2026, 12, 2, 9, 0));
        VisitFixture f = new VisitFixture();
        long household = f.household("LOW_INCOME");
        // joined a key group "now" by the database's clock: move the clock well after that
        Instant joined = VisitFixture.pool().preparedQuery("SELECT since FROM key_group_household WHERE household_id = $1")
                .execute(Tuple.of(household)).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getOffsetDateTime("since").toInstant();
        clock.freezeAt(joined.plus(Duration.ofDays(40)));
        run();
        run();
        List<String> marks = marks(household);
        assertEquals("OVERDUE:0", marks.get(0));
        assertEquals(1, marks.stream().filter(m -> m.startsWith("OVERDUE")).count());
        f.dueOf(f.worker.token(), household).statusCode(200).body("supervision", equalTo("RED"))
                .body("overdueDays", equalTo(40));
    }

    private void run() {
        supervisor.runOnce().await().atMost(Duration.ofSeconds(120));
    }

    private static List<String> marks(long household) {
        List<String> out = new ArrayList<>();
        VisitFixture.pool().preparedQuery("SELECT mark, node_id FROM key_group_visit_mark WHERE household_id = $1 "
                        + "ORDER BY at, CASE mark WHEN 'WARN' THEN 0 WHEN 'OVERDUE' THEN 1 ELSE 2 END")
                .execute(Tuple.of(household)).await().atMost(Duration.ofSeconds(10))
                .forEach(r -> out.add(r.getString("mark") + ":" + r.getLong("node_id")));
        return out;
    }
}
