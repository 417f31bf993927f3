package cn.gridgov.incident.supervision;

import cn.gridgov.common.time.TestClock;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.gridgov.incident.IncidentFixture.flowActions;
import static cn.gridgov.incident.IncidentFixture.intValue;
import static cn.gridgov.incident.IncidentFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervision scheduler against the real database, with the test clock: yellow, red, 督办 up the tree, each once. */
@QuarkusTest
class SupervisionTest {

    private static final ZoneId CN = ZoneId.of("Asia/Shanghai");
    /** A plain Wednesday: 08:30–12:00 and 14:30–18:00 count. */
    private static final Instant WEDNESDAY_9 = at(2026, 12, 2, 9, 0);

    @Inject
    TestClock clock;

    @Inject
    Supervisor supervisor;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void lateIncidentTurnsYellowThenRedAndIsPressedOnByEachNodeAboveOnce() {
        clock.setTo(WEDNESDAY_9);
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        Instant deadline = deadline(id);
        assertEquals(at(2026, 12, 2, 15, 30), deadline.truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                "four working hours from 09:00, lunch excluded");

        clock.setTo(deadline.minus(Duration.ofMinutes(60)));
        run();
        assertEquals(List.of("REPORT"), flowActions(id), "75% used: not yet yellow");

        clock.setTo(deadline.minus(Duration.ofMinutes(30)));
        run();
        run();
        assertEquals(List.of("REPORT", "WARN"), flowActions(id), "87.5% used: yellow, once");

        clock.setTo(deadline.plusSeconds(60));
        run();
        run();
        assertEquals(List.of("REPORT", "WARN", "OVERDUE", "SUPERVISE"), flowActions(id));
        assertEquals(List.of(f.tree.town().id()), supervisors(id), "the community's parent presses on it first");

        clock.setTo(at(2026, 12, 3, 16, 0));
        run();
        assertEquals(1, supervisors(id).size(), "7.5 working hours later: not yet the next level");

        clock.setTo(at(2026, 12, 4, 10, 0));
        run();
        run();
        assertEquals(List.of(f.tree.town().id(), f.tree.county().id()), supervisors(id));

        clock.setTo(at(2026, 12, 14, 10, 0));
        run();
        assertEquals(List.of("REPORT", "WARN", "OVERDUE", "SUPERVISE", "SUPERVISE"), flowActions(id),
                "the county is the top: nothing more");
        Row last = rows("SELECT actor_role, from_status, to_status, a.kind FROM incident_flow f "
                + "JOIN app_user a ON a.id = f.actor_id WHERE f.incident_id = $1 ORDER BY f.id DESC LIMIT 1", id).get(0);
        assertEquals("SYSTEM", last.getString("actor_role"));
        assertEquals("SYSTEM", last.getString("kind"));
        assertEquals("REPORTED", last.getString("to_status"), "supervision does not change the state");
        assertEquals(0, intValue("SELECT version FROM incident WHERE id = $1", id), "nor the incident's version");
    }

    @Test
    void suspendedIncidentIsNeitherMarkedNorEscalatedAndResumesWithTheTimeItHadLeft() {
        clock.setTo(WEDNESDAY_9);
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "ACCEPT", Map.of()).statusCode(200);
        f.act(f.adminA.token(), id, "SUSPEND", Map.of("comment", "等待燃气公司")).statusCode(200);

        clock.setTo(at(2026, 12, 9, 10, 0));
        run();
        assertEquals(List.of("REPORT", "ACCEPT", "SUSPEND"), flowActions(id));

        f.act(f.adminA.token(), id, "RESUME", Map.of()).statusCode(200);
        assertTrue(deadline(id).isAfter(at(2026, 12, 9, 12, 0)), "the deadline moved by the time spent suspended");
        run();
        assertEquals(List.of("REPORT", "ACCEPT", "SUSPEND", "RESUME"), flowActions(id),
                "almost all its time is left: not yellow");
    }

    @Test
    void closedIncidentsAreLeftAlone() {
        clock.setTo(WEDNESDAY_9);
        IncidentFixture f = new IncidentFixture();
        long id = f.reportInA("0101");
        f.act(f.adminA.token(), id, "REJECT", Map.of("comment", "重复上报")).statusCode(200);
        clock.setTo(at(2026, 12, 10, 10, 0));
        run();
        assertEquals(List.of("REPORT", "REJECT"), flowActions(id));
    }

    @Test
    void twoSchedulersRunningAtOnceEscalateEachIncidentOncePerLevel() {
        clock.setTo(WEDNESDAY_9);
        IncidentFixture f = new IncidentFixture();
        List<Long> ids = List.of(f.reportInA("0101"), f.reportInA("0101"), f.reportInA("0101"));
        clock.setTo(at(2026, 12, 3, 10, 0));
        for (int i = 0; i < 3; i++) {
            Uni.combine().all().unis(supervisor.runOnce(), supervisor.runOnce()).asTuple()
                    .await().atMost(Duration.ofSeconds(60));
        }
        for (long id : ids) {
            assertEquals(List.of("REPORT", "OVERDUE", "SUPERVISE"), flowActions(id), "incident " + id);
            assertEquals(List.of(f.tree.town().id()), supervisors(id));
        }
    }

    private void run() {
        supervisor.runOnce().await().atMost(Duration.ofSeconds(60));
    }

    private static List<Long> supervisors(long id) {
        return rows("SELECT owner_region_id FROM incident_flow WHERE incident_id = $1 AND action = 'SUPERVISE' ORDER BY id",
                id).stream().map(r -> r.getLong("owner_region_id")).toList();
    }

    private static Instant deadline(long id) {
        return rows("SELECT deadline_at FROM incident WHERE id = $1", id).get(0).getOffsetDateTime("deadline_at")
                .toInstant();
    }

    private static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(CN).toInstant();
    }
}
