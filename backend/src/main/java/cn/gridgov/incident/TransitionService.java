package cn.gridgov.incident;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.error.OutOfScope;
import cn.gridgov.common.security.Actor;
import cn.gridgov.identity.staff.GridDuty;
import cn.gridgov.identity.staff.GridDutyRepository;
import cn.gridgov.incident.Workflow.Rule;
import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.WorkingCalendar;
import cn.gridgov.media.MediaAttachments;
import cn.gridgov.moderation.ContentScreen;
import cn.gridgov.moderation.FlagKind;
import cn.gridgov.moderation.Screened;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The handling loop: checks a requested step against {@link Workflow} and the incident's version, works out
 * the new state (owner, assignee, deadline) and writes it through {@link IncidentWriter}, in one transaction.
 */
@ApplicationScoped
public class TransitionService {

    private final Pool pool;
    private final IncidentRepository incidents;
    private final IncidentWriter writer;
    private final GridDutyRepository duties;
    private final Handlers handlers;
    private final RegionRepository regions;
    private final WorkingCalendar calendar;
    private final MediaAttachments media;
    private final RatingConfig rating;
    private final Clock clock;
    private final ContentScreen screen;

    public TransitionService(Pool pool, IncidentRepository incidents, IncidentWriter writer, GridDutyRepository duties,
                             Handlers handlers, RegionRepository regions, WorkingCalendar calendar,
                             MediaAttachments media, RatingConfig rating, Clock clock, ContentScreen screen) {
        this.rating = rating;
        this.screen = screen;
        this.pool = pool;
        this.incidents = incidents;
        this.writer = writer;
        this.duties = duties;
        this.handlers = handlers;
        this.regions = regions;
        this.calendar = calendar;
        this.media = media;
        this.clock = clock;
    }

    public Uni<Incident> apply(Actor actor, long id, TransitionRequest request) {
        IncidentAction action = request.parsedAction();
        Rule rule = Workflow.rule(action).orElseThrow();
        return screened(rule, actor, request.comment()).chain(screened -> calendar.calculator()
                .chain(calc -> pool.withTransaction(tx -> step(tx, actor, id, rule, request.version(), request, calc)
                        .call(() -> screen.keep(tx, screened, id)))));
    }

    /**
     * A reporter's step from their own requests (an addition, a rating), in a transaction of its own, on the version
     * read in it: the same rule of {@link Workflow} as through the transitions endpoint, the text screened the same way.
     */
    public Uni<Incident> applyReporter(Actor actor, long id, IncidentAction action, String comment,
                                       List<UUID> mediaIds, Integer stars) {
        Rule rule = Workflow.rule(action).filter(r -> r.party() == Workflow.Party.REPORTER).orElseThrow();
        TransitionRequest request = new TransitionRequest(action.name(), null, comment, null, null, mediaIds, null,
                stars);
        return screened(rule, actor, comment).chain(screened -> calendar.calculator()
                .chain(calc -> pool.withTransaction(tx -> step(tx, actor, id, rule, null, request, calc)
                        .call(() -> screen.keep(tx, screened, id)))));
    }

    /** A resident's addition or rating comment goes through the content check first ({@link ContentScreen}). */
    private Uni<Screened> screened(Rule rule, Actor actor, String comment) {
        return switch (rule.action()) {
            case ADD_INFO -> screen.screen(actor, FlagKind.ADDITION, comment);
            case RATE -> screen.screen(actor, FlagKind.RATING, comment);
            default -> Uni.createFrom().item(Screened.CLEAR);
        };
    }

    /**
     * A step of {@link Workflow.Via#OWN_ENDPOINT} (a resident's addition or withdrawal, a revisit's reopening) in
     * the caller's transaction, on the version read in it: the client sends none.
     */
    public Uni<Incident> applyOwn(SqlClient tx, Actor actor, long id, IncidentAction action, String comment,
                                  List<UUID> mediaIds) {
        Rule rule = Workflow.rule(action).filter(r -> r.via() == Workflow.Via.OWN_ENDPOINT).orElseThrow();
        TransitionRequest request = new TransitionRequest(action.name(), null, comment, null, null, mediaIds, null,
                null);
        return calendar.calculator().chain(calc -> step(tx, actor, id, rule, null, request, calc));
    }

    private Uni<Incident> step(SqlClient tx, Actor actor, long id, Rule rule, Integer version,
                               TransitionRequest request, DeadlineCalculator calc) {
        IncidentAction action = rule.action();
        return incidents.find(tx, id, Visibility.of(actor))
                .chain(incident -> {
                    if (incident == null) {
                        throw IncidentProblems.notFound(id);
                    }
                    if (version != null && version != incident.version()) {
                        throw IncidentProblems.staleVersion(id);
                    }
                    if (!rule.from().contains(incident.status())) {
                        if (rule.via() == Workflow.Via.OWN_ENDPOINT && rule.party() == Workflow.Party.REPORTER
                                && IncidentStatus.ENDED.contains(incident.status())) {
                            throw IncidentProblems.ended(action, incident.status());
                        }
                        throw IncidentProblems.actionNotAllowed(action, incident.status(),
                                Workflow.allowed(incident, actor, rule.via()));
                    }
                    String role = Workflow.actingRole(rule.party(), incident, actor).orElseThrow(
                            () -> IncidentProblems.actionForbidden(action, Workflow.allowed(incident, actor, rule.via())));
                    Workflow.checkNeeds(rule, incident, request.hasComment(), !request.media().isEmpty(),
                            request.rating() != null);
                    Instant now = clock.instant();
                    return next(tx, rule, incident, request, calc, now).chain(change -> {
                        Incident after = change.build(now);
                        FlowEntry entry = new FlowEntry(null, id, action, incident.status(), after.status(),
                                actor.userId(), role, request.hasComment() ? request.comment().trim() : null,
                                request.media(), after.assigneeId(), after.ownerRegionId(), now);
                        return writer.change(tx, incident, after, entry)
                                .call(() -> media.attach(tx, request.media(), id, actor.userId()));
                    });
                });
    }

    /** The incident after the step: the table gives the state, this gives everything else that moves with it. */
    private Uni<Incident.Builder> next(SqlClient tx, Rule rule, Incident incident, TransitionRequest request,
                                       DeadlineCalculator calc, Instant now) {
        Incident.Builder c = incident.change();
        c.status = rule.to();
        switch (rule.action()) {
            case DISPATCH:
                return assigneeFor(tx, incident, request).map(assignee -> {
                    c.assigneeId = assignee;
                    return c;
                });
            case RETURN:
                c.assigneeId = null;
                break;
            case REJECT:
            case VERIFY_PASS:
                c.closedAt = now;
                break;
            case ESCALATE:
                return regions.parentOf(tx, incident.ownerRegionId()).chain(parent -> {
                    if (parent == null) {
                        throw new Conflict("ESCALATION_AT_TOP", "已在县级，无法继续上报",
                                "The incident is already owned by the county");
                    }
                    return regions.pathOf(tx, parent).map(path -> {
                        c.ownerRegionId = parent;
                        c.ownerPath = path;
                        c.assigneeId = null;
                        return c;
                    });
                });
            case SUSPEND:
                c.suspendedFrom = incident.status();
                c.suspendedAt = now;
                break;
            case RESUME:
                // the clock stood still while suspended: the deadline moves by the working time spent suspended
                c.status = incident.suspendedFrom();
                c.deadlineAt = calc.plusWorkingTime(incident.deadlineAt(),
                        calc.workingTimeBetween(incident.suspendedAt(), now));
                c.suspendedFrom = null;
                c.suspendedAt = null;
                break;
            case RATE:
                if (incident.closedAt() != null && now.isAfter(incident.closedAt().plus(rating.window()))) {
                    throw IncidentProblems.ratingWindowOver(rating.window());
                }
                c.rating = request.rating();
                c.ratingComment = request.hasComment() ? request.comment().trim() : null;
                c.ratedAt = now;
                break;
            case ADD_INFO:
                c.status = incident.status();
                break;
            case WITHDRAW:
                c.closedAt = now;
                c.suspendedFrom = null;
                c.suspendedAt = null;
                break;
            case REOPEN:
                // a fresh deadline of the length the first one had, counted from now
                c.closedAt = null;
                c.assigneeId = null;
                c.deadlineAt = calc.plusWorkingTime(now,
                        calc.workingTimeBetween(incident.reportedAt(), incident.deadlineAt()));
                break;
            default:
                break;
        }
        return Uni.createFrom().item(c);
    }

    /**
     * The person a dispatch names: a handler ({@link Handlers}: staff, a Party member or a co-building unit's contact),
     * or whoever is on duty for a target node, inside the owner's subtree.
     */
    private Uni<Long> assigneeFor(SqlClient tx, Incident incident, TransitionRequest request) {
        if (request.assigneeId() != null) {
            return handlers.check(tx, incident, request.assigneeId());
        }
        if (request.targetRegionId() != null) {
            return regions.pathOf(tx, request.targetRegionId()).chain(path -> {
                if (path == null || !Workflow.contains(incident.ownerPath(), path)) {
                    throw new OutOfScope("TARGET_OUT_OF_SCOPE", "派单目标不在本辖区内：" + request.targetRegionId(),
                            "The target node is not within the owning node's area: " + request.targetRegionId());
                }
                return duties.onDutyFor(tx, request.targetRegionId()).map(onDuty -> onDuty.map(GridDuty::userId)
                        .orElseThrow(() -> new Invalid("NO_ONE_ON_DUTY", "该网格及上级均无人值守，请直接指定处置人",
                                "Nobody is on duty for this node; name the assignee")));
            });
        }
        throw new Invalid("ASSIGNEE_REQUIRED", "派单需指定处置人（assigneeId）或网格（targetRegionId）",
                "Dispatch needs assigneeId or targetRegionId");
    }
}
