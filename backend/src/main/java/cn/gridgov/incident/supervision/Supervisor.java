package cn.gridgov.incident.supervision;

import cn.gridgov.identity.UserRepository;
import cn.gridgov.incident.FlowEntry;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentWriter;
import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.WorkingCalendar;
import cn.gridgov.incident.supervision.SupervisionPlan.Step;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The supervision scheduler (督办): marks open incidents yellow and red and has the nodes above press on
 * overdue ones, each step once, as flow rows of the system user. Safe with any number of replicas: each
 * batch of incidents is claimed with {@code FOR NO KEY UPDATE SKIP LOCKED} in one transaction and re-read
 * under the lock; unique indexes on the flow refuse a second mark even so.
 */
@ApplicationScoped
public class Supervisor {

    private static final Logger LOG = Logger.getLogger(Supervisor.class);
    /** The role recorded on the flow rows it writes. */
    public static final String SYSTEM_ROLE = "SYSTEM";
    private static final int SCAN_LIMIT = 5000;

    private final Pool pool;
    private final SupervisionRepository repository;
    private final UserRepository users;
    private final IncidentWriter writer;
    private final WorkingCalendar calendar;
    private final SupervisionConfig config;
    private final Clock clock;
    private final AtomicReference<Long> systemUser = new AtomicReference<>();

    public Supervisor(Pool pool, SupervisionRepository repository, UserRepository users, IncidentWriter writer,
                      WorkingCalendar calendar, SupervisionConfig config, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.users = users;
        this.writer = writer;
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
        return runOnce().onFailure().invoke(e -> LOG.warnf("supervision run failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run over every open incident; answers how many flow rows it wrote. */
    public Uni<Integer> runOnce() {
        Instant now = clock.instant();
        return calendar.calculator().chain(calc -> systemUser().chain(actor -> repository.candidates(pool, now, SCAN_LIMIT)
                .chain(all -> {
                    List<Long> due = all.stream()
                            .filter(c -> !SupervisionPlan.next(c, calc, now, config.warnShare(), config.escalateEvery())
                                    .isEmpty())
                            .map(SupervisionCandidate::id).toList();
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (int from = 0; from < due.size(); from += config.batchSize()) {
                        List<Long> batch = due.subList(from, Math.min(due.size(), from + config.batchSize()));
                        chain = chain.chain(written -> batch(batch, calc, now, actor).map(n -> written + n));
                    }
                    return chain;
                })));
    }

    /** One transaction: claim the batch, re-read it under the lock, write each incident's steps. */
    private Uni<Integer> batch(List<Long> ids, DeadlineCalculator calc, Instant now, long actor) {
        return pool.withTransaction(tx -> repository.claim(tx, ids).chain(claimed -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (SupervisionCandidate c : claimed) {
                List<Step> steps = SupervisionPlan.next(c, calc, now, config.warnShare(), config.escalateEvery());
                if (!steps.isEmpty()) {
                    chain = chain.chain(written -> apply(tx, c, steps, now, actor).map(n -> written + n));
                }
            }
            return chain;
        }));
    }

    private Uni<Integer> apply(SqlClient tx, SupervisionCandidate c, List<Step> steps, Instant now, long actor) {
        Instant warnedAt = c.warnedAt();
        Instant overdueAt = c.overdueAt();
        int level = c.level();
        String supervisorPath = c.supervisorPath();
        Instant escalatedAt = c.escalatedAt();
        List<FlowEntry> entries = new ArrayList<>();
        for (Step step : steps) {
            switch (step.kind()) {
                case WARN -> {
                    warnedAt = now;
                    entries.add(entry(c, IncidentAction.WARN, actor, c.ownerRegionId(),
                            "已用去办理时限的 " + Math.round(config.warnShare() * 100) + "%，即将超时", now));
                }
                case OVERDUE -> {
                    overdueAt = now;
                    warnedAt = warnedAt == null ? now : warnedAt;
                    entries.add(entry(c, IncidentAction.OVERDUE, actor, c.ownerRegionId(), "已超过办理时限", now));
                }
                case SUPERVISE -> {
                    level = step.level();
                    supervisorPath = step.nodePath();
                    escalatedAt = now;
                    entries.add(entry(c, IncidentAction.SUPERVISE, actor, step.nodeId(),
                            "超时督办：上级第 " + step.level() + " 级督办", now));
                }
                default -> throw new IllegalStateException(step.kind().name());
            }
        }
        Uni<Void> chain = repository.save(tx, c.id(), warnedAt, overdueAt, level, supervisorPath, escalatedAt);
        for (FlowEntry e : entries) {
            chain = chain.chain(() -> writer.note(tx, e).replaceWithVoid());
        }
        return chain.replaceWith(entries.size());
    }

    private static FlowEntry entry(SupervisionCandidate c, IncidentAction action, long actor, Long node, String comment,
                                   Instant now) {
        return new FlowEntry(null, c.id(), action, c.status(), c.status(), actor, SYSTEM_ROLE, comment, List.of(),
                c.assigneeId(), node, now);
    }

    private Uni<Long> systemUser() {
        Long cached = systemUser.get();
        return cached != null ? Uni.createFrom().item(cached)
                : users.systemUserId(pool).invoke(systemUser::set);
    }
}
