package cn.gridgov.department;

import cn.gridgov.identity.UserRepository;
import cn.gridgov.incident.FlowEntry;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.IncidentWriter;
import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.WorkingCalendar;
import cn.gridgov.incident.supervision.SupervisionConfig;
import cn.gridgov.incident.supervision.SupervisionPlan;
import cn.gridgov.incident.supervision.Supervisor;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Supervision of the department deadlines (#11 §3): a call not reported by its respond_by, or reported and not
 * resolved by its handle_by, is marked yellow then red by the same rule as incidents, and once overdue it is
 * escalated to the county (督办 by the root node) without anyone pressing ({@link SupervisionPlan#callSteps},
 * {@code gridgov.supervision.warn-share}): each once per call, round and phase, as flow rows of the system user
 * naming the department, whose staff are told ({@link DepartmentNotices}). The mark rows' primary key refuses a
 * second mark even with several replicas running at once (the insert that loses writes no flow row). A new round
 * (arbitration sends the call back with a new deadline) is marked afresh.
 */
@ApplicationScoped
public class DepartmentSupervisor {

    private static final Logger LOG = Logger.getLogger(DepartmentSupervisor.class);
    private static final int SCAN_LIMIT = 5000;

    private final Pool pool;
    private final UserRepository users;
    private final IncidentWriter writer;
    private final WorkingCalendar calendar;
    private final SupervisionConfig config;
    private final Clock clock;
    private final DepartmentNotices notices;
    private final AtomicReference<Long> systemUser = new AtomicReference<>();

    public DepartmentSupervisor(Pool pool, UserRepository users, IncidentWriter writer, WorkingCalendar calendar,
                                SupervisionConfig config, Clock clock, DepartmentNotices notices) {
        this.pool = pool;
        this.notices = notices;
        this.users = users;
        this.writer = writer;
        this.calendar = calendar;
        this.config = config;
        this.clock = clock;
    }

    /** An open call whose clock runs, in one phase, with the marks it has. */
    record Candidate(long id, long incidentId, long departmentId, String department, int round, String phase,
                     Instant start, Instant deadline, IncidentStatus incidentStatus, Long assigneeId,
                     Long ownerRegionId, long countyId, boolean warned, boolean overdue, boolean escalated) {
    }

    @Scheduled(every = "${gridgov.supervision.interval}", delayed = "${gridgov.supervision.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce().onFailure().invoke(e -> LOG.warnf("department supervision run failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run over every open call; answers how many flow rows it wrote. */
    public Uni<Integer> runOnce() {
        Instant now = clock.instant();
        return calendar.calculator().chain(calc -> systemUser().chain(actor -> candidates(now).chain(all -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Candidate c : all) {
                Duration allowance = calc.workingTimeBetween(c.start(), c.deadline());
                List<SupervisionPlan.Kind> marks = SupervisionPlan.callSteps(calc, allowance, c.deadline(), now,
                        config.warnShare(), c.warned(), c.overdue(), c.escalated());
                for (SupervisionPlan.Kind kind : marks) {
                    chain = chain.chain(n -> pool.withTransaction(tx -> mark(tx, c, kind, now, actor)).map(w -> n + w));
                }
            }
            return chain;
        })));
    }

    private Uni<Integer> mark(SqlClient tx, Candidate c, SupervisionPlan.Kind kind, Instant now, long actor) {
        long node = kind == SupervisionPlan.Kind.SUPERVISE ? c.countyId() : 0;
        return tx.preparedQuery("""
                        INSERT INTO department_call_mark (call_id, round_no, phase, mark, node_id, at)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING call_id""")
                .execute(Tuple.of(c.id(), c.round(), c.phase(), kind.name(), node, odt(now)))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    FlowEntry entry = new FlowEntry(null, c.incidentId(), action(kind), c.incidentStatus(),
                            c.incidentStatus(), actor, Supervisor.SYSTEM_ROLE, comment(c, kind), List.of(),
                            c.assigneeId(), kind == SupervisionPlan.Kind.SUPERVISE ? c.countyId() : c.ownerRegionId(), now);
                    return writer.note(tx, entry)
                            .call(flowId -> notices.tell(tx, flowId, List.of(c.departmentId())))
                            .chain(flowId -> tx.preparedQuery("""
                                    UPDATE department_call_mark SET flow_id = $6
                                    WHERE call_id = $1 AND round_no = $2 AND phase = $3 AND mark = $4 AND node_id = $5""")
                            .execute(Tuple.of(c.id(), c.round(), c.phase(), kind.name(), node, flowId))).replaceWith(1);
                });
    }

    private static IncidentAction action(SupervisionPlan.Kind kind) {
        return switch (kind) {
            case WARN -> IncidentAction.DEPT_WARN;
            case OVERDUE -> IncidentAction.DEPT_OVERDUE;
            case SUPERVISE -> IncidentAction.DEPT_SUPERVISE;
        };
    }

    private String comment(Candidate c, SupervisionPlan.Kind kind) {
        String what = "RESPOND".equals(c.phase()) ? "报到" : "处置";
        return switch (kind) {
            case WARN -> c.department() + what + "即将超时：已用去" + what + "时限的 "
                    + Math.round(config.warnShare() * 100) + "%";
            case OVERDUE -> c.department() + "已超过" + what + "时限";
            case SUPERVISE -> "超时自动提请县级督办：" + c.department() + ("RESPOND".equals(c.phase())
                    ? "超过报到时限仍未报到" : "超过处置时限仍未办结");
        };
    }

    /**
     * Calls waiting to report (CALLED) or to be resolved (REPORTED), whose incident is still open, without their red
     * mark or their escalation to the county in this round and phase. The county is the root of the whistling
     * node's chain.
     */
    private Uni<List<Candidate>> candidates(Instant now) {
        return pool.preparedQuery("""
                        SELECT c.id, c.incident_id, c.department_id, d.name, c.round_no, p.phase, p.start, p.deadline,
                               i.status AS incident_status, i.assignee_id, i.owner_region_id,
                               ltree2text(subpath(c.caller_path, 0, 1))::bigint AS county_id,
                               EXISTS (SELECT 1 FROM department_call_mark m WHERE m.call_id = c.id
                                       AND m.round_no = c.round_no AND m.phase = p.phase AND m.mark = 'WARN') AS warned,
                               EXISTS (SELECT 1 FROM department_call_mark m WHERE m.call_id = c.id
                                       AND m.round_no = c.round_no AND m.phase = p.phase AND m.mark = 'OVERDUE') AS overdue,
                               EXISTS (SELECT 1 FROM department_call_mark m WHERE m.call_id = c.id
                                       AND m.round_no = c.round_no AND m.phase = p.phase AND m.mark = 'SUPERVISE') AS escalated
                        FROM department_call c JOIN department d ON d.id = c.department_id
                             JOIN incident i ON i.id = c.incident_id
                             CROSS JOIN LATERAL (VALUES
                                 (CASE WHEN c.status = 'CALLED' THEN 'RESPOND' ELSE 'HANDLE' END,
                                  CASE WHEN c.status = 'CALLED' THEN COALESCE(c.respond_from, c.called_at) ELSE c.reported_at END,
                                  CASE WHEN c.status = 'CALLED' THEN c.respond_by ELSE c.handle_by END)) AS p (phase, start, deadline)
                        WHERE c.status IN ('CALLED', 'REPORTED') AND p.deadline IS NOT NULL
                          AND i.status = ANY($1)
                          AND NOT (EXISTS (SELECT 1 FROM department_call_mark m WHERE m.call_id = c.id
                                           AND m.round_no = c.round_no AND m.phase = p.phase AND m.mark = 'OVERDUE')
                                   AND EXISTS (SELECT 1 FROM department_call_mark m WHERE m.call_id = c.id
                                           AND m.round_no = c.round_no AND m.phase = p.phase AND m.mark = 'SUPERVISE'))
                        ORDER BY p.deadline, c.id LIMIT $2""")
                .execute(Tuple.of(IncidentStatus.OPEN.stream().map(Enum::name).toArray(String[]::new), SCAN_LIMIT))
                .map(rows -> {
                    List<Candidate> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Candidate(r.getLong("id"), r.getLong("incident_id"), r.getLong("department_id"),
                                r.getString("name"), r.getInteger("round_no"), r.getString("phase"),
                                instant(r, "start"), instant(r, "deadline"),
                                IncidentStatus.valueOf(r.getString("incident_status")), r.getLong("assignee_id"),
                                r.getLong("owner_region_id"), r.getLong("county_id"), r.getBoolean("warned"),
                                r.getBoolean("overdue"), r.getBoolean("escalated")));
                    }
                    return out;
                });
    }

    private Uni<Long> systemUser() {
        Long cached = systemUser.get();
        return cached != null ? Uni.createFrom().item(cached)
                : users.systemUserId(pool).invoke(systemUser::set);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
