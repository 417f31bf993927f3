package cn.gridgov.people.visit;

import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.WorkingCalendar;
import cn.gridgov.incident.supervision.SupervisionConfig;
import cn.gridgov.incident.supervision.SupervisionPlan;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static cn.gridgov.people.visit.VisitRepository.instant;
import static cn.gridgov.people.visit.VisitRepository.odt;

/**
 * Supervision of missed key-group visits, like overdue incidents and by their rules: yellow once most of the
 * household's interval (in working time) is used ({@link SupervisionPlan#marks}), red once its visit is overdue,
 * and 督办 up the tree from the building's compound ({@link SupervisionPlan#press}), each once per household and
 * cycle (the mark rows' primary key). Safe with several replicas: households are claimed with
 * {@code FOR NO KEY UPDATE SKIP LOCKED} and re-read under the lock. A visit starts a new cycle.
 */
@ApplicationScoped
public class VisitSupervisor {

    private static final Logger LOG = Logger.getLogger(VisitSupervisor.class);
    private static final int SCAN_LIMIT = 5000;
    /**
     * Working time left can be much less than calendar time left (weekends, the longest holiday of 8 days): a
     * household is looked at once its calendar time left is at most its warning share of the interval plus this
     * many days; before that it cannot be yellow yet.
     */
    private static final int HOLIDAY_SLACK_DAYS = 10;

    /** A household in a key group whose cycle may need a mark, with this cycle's supervision so far. */
    record Candidate(long householdId, String ownerPath, Instant start, Instant due, Instant warnedAt,
                     Instant overdueAt, int level, String supervisorPath, Instant escalatedAt) {
    }

    private static final String SELECT = """
            SELECT k.household_id, ltree2text(subpath(b.path, 0, nlevel(b.path) - 1)) AS owner_path,
                   COALESCE(k.last_visit_at, k.since) AS start, k.next_due_at, k.warned_at, k.overdue_at, k.level,
                   ltree2text(k.supervisor_path) AS supervisor_path, k.escalated_at
            FROM key_group_household k JOIN region b ON b.id = k.building_id
            """;

    private final Pool pool;
    private final WorkingCalendar calendar;
    private final SupervisionConfig config;
    private final Clock clock;

    public VisitSupervisor(Pool pool, WorkingCalendar calendar, SupervisionConfig config, Clock clock) {
        this.pool = pool;
        this.calendar = calendar;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gridgov.supervision.interval}", delayed = "${gridgov.supervision.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce().onFailure().invoke(e -> LOG.warnf("visit supervision run failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run over the households whose visit is near or past due; answers how many marks it wrote. */
    public Uni<Integer> runOnce() {
        Instant now = clock.instant();
        return calendar.calculator().chain(calc -> candidates(now).chain(all -> {
            List<Long> due = all.stream().filter(c -> !steps(c, calc, now).isEmpty()).map(Candidate::householdId)
                    .toList();
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (int from = 0; from < due.size(); from += config.batchSize()) {
                List<Long> batch = due.subList(from, Math.min(due.size(), from + config.batchSize()));
                chain = chain.chain(written -> batch(batch, calc, now).map(n -> written + n));
            }
            return chain;
        }));
    }

    /** A step of this run: a mark, or a press by a node. */
    record Step(SupervisionPlan.Kind kind, SupervisionPlan.Press press) {
    }

    /** What supervision does to the household now: the incidents' two rules, applied to its visit cycle. */
    List<Step> steps(Candidate c, DeadlineCalculator calc, Instant now) {
        List<Step> out = new ArrayList<>();
        SupervisionPlan.marks(calc, calc.workingTimeBetween(c.start(), c.due()), c.due(), now, config.warnShare(),
                c.warnedAt() != null, c.overdueAt() != null).forEach(kind -> out.add(new Step(kind, null)));
        Optional<SupervisionPlan.Press> press = SupervisionPlan.press(c.ownerPath(), c.supervisorPath(), c.level(),
                c.due(), c.overdueAt(), c.escalatedAt(), now, calc, config.escalateEvery());
        press.ifPresent(p -> out.add(new Step(SupervisionPlan.Kind.SUPERVISE, p)));
        return out;
    }

    private Uni<Integer> batch(List<Long> ids, DeadlineCalculator calc, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT household_id FROM key_group_household "
                        + "WHERE household_id = ANY($1) ORDER BY household_id FOR NO KEY UPDATE SKIP LOCKED")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .chain(rows -> {
                    List<Long> locked = new ArrayList<>();
                    rows.forEach(r -> locked.add(r.getLong("household_id")));
                    if (locked.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.preparedQuery(SELECT + " WHERE k.household_id = ANY($1) ORDER BY k.household_id")
                            .execute(Tuple.of(locked.toArray(Long[]::new))).map(VisitSupervisor::candidates)
                            .chain(claimed -> {
                                Uni<Integer> chain = Uni.createFrom().item(0);
                                for (Candidate c : claimed) {
                                    List<Step> steps = steps(c, calc, now);
                                    if (!steps.isEmpty()) {
                                        chain = chain.chain(n -> apply(tx, c, steps, now).map(w -> n + w));
                                    }
                                }
                                return chain;
                            });
                }));
    }

    private Uni<Integer> apply(SqlClient tx, Candidate c, List<Step> steps, Instant now) {
        Instant warnedAt = c.warnedAt();
        Instant overdueAt = c.overdueAt();
        int level = c.level();
        String supervisorPath = c.supervisorPath();
        Instant escalatedAt = c.escalatedAt();
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Step step : steps) {
            long node = 0;
            switch (step.kind()) {
                case WARN -> warnedAt = now;
                case OVERDUE -> {
                    overdueAt = now;
                    warnedAt = warnedAt == null ? now : warnedAt;
                }
                case SUPERVISE -> {
                    level = step.press().level();
                    supervisorPath = step.press().nodePath();
                    escalatedAt = now;
                    node = step.press().nodeId();
                }
                default -> throw new IllegalStateException(step.kind().name());
            }
            long nodeId = node;
            chain = chain.chain(n -> tx.preparedQuery("""
                            INSERT INTO key_group_visit_mark (household_id, due_at, mark, node_id, at)
                            VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""")
                    .execute(Tuple.of(c.householdId(), odt(c.due()), step.kind().name(), nodeId, odt(now)))
                    .map(rows -> n + rows.rowCount()));
        }
        Instant w = warnedAt;
        Instant o = overdueAt;
        int l = level;
        String s = supervisorPath;
        Instant e = escalatedAt;
        return chain.call(() -> tx.preparedQuery("""
                        UPDATE key_group_household SET warned_at = $2, overdue_at = $3, level = $4,
                            supervisor_path = text2ltree($5), escalated_at = $6
                        WHERE household_id = $1""")
                .execute(Tuple.from(Arrays.asList(c.householdId(), odt(w), odt(o), l, s, odt(e)))));
    }

    /**
     * Households whose cycle may need a mark: not yet yellow and near their due time (see the holiday slack),
     * or overdue and not yet red or not yet pressed on from the root. Read without locks; the batch claims them.
     */
    private Uni<List<Candidate>> candidates(Instant now) {
        return pool.preparedQuery(SELECT + """
                         WHERE k.next_due_at <= $1::timestamptz
                                 + make_interval(days => ceil(k.interval_days * (1 - $4::float8))::int + $3)
                           AND (k.warned_at IS NULL OR (k.next_due_at <= $1 AND (k.overdue_at IS NULL
                                OR nlevel(COALESCE(k.supervisor_path, subpath(b.path, 0, nlevel(b.path) - 1))) > 1)))
                        ORDER BY k.next_due_at LIMIT $2""")
                .execute(Tuple.of(odt(now), SCAN_LIMIT, HOLIDAY_SLACK_DAYS, config.warnShare()))
                .map(VisitSupervisor::candidates);
    }

    private static List<Candidate> candidates(RowSet<Row> rows) {
        List<Candidate> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Candidate(r.getLong("household_id"), r.getString("owner_path"), instant(r, "start"),
                    instant(r, "next_due_at"), instant(r, "warned_at"), instant(r, "overdue_at"), r.getInteger("level"),
                    r.getString("supervisor_path"), instant(r, "escalated_at")));
        }
        return out;
    }
}
