package cn.gridgov.resident;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentProblems;
import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.RatingConfig;
import cn.gridgov.incident.TransitionService;
import cn.gridgov.incident.Workflow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A resident following their own requests: the list and one request with its flow, adding information to an
 * open one (a flow row that notifies the handler through the outbox) and withdrawing it.
 */
@ApplicationScoped
public class OwnRequestService {

    private static final Map<IncidentStatus, String> STATUS_NAMES = Map.of(IncidentStatus.REPORTED, "已上报",
            IncidentStatus.ACCEPTED, "已受理", IncidentStatus.DISPATCHED, "已派单", IncidentStatus.IN_PROGRESS, "处置中",
            IncidentStatus.RESOLVED, "已处置待核查", IncidentStatus.CLOSED, "已办结", IncidentStatus.REJECTED, "不予受理",
            IncidentStatus.SUSPENDED, "已挂起", IncidentStatus.WITHDRAWN, "已撤回");

    private final Pool pool;
    private final OwnRequestRepository requests;
    private final TransitionService transitions;
    private final RatingConfig rating;
    private final Clock clock;

    public OwnRequestService(Pool pool, OwnRequestRepository requests, TransitionService transitions,
                             RatingConfig rating, Clock clock) {
        this.pool = pool;
        this.requests = requests;
        this.transitions = transitions;
        this.rating = rating;
        this.clock = clock;
    }

    /** The caller's requests, newest first, each with its flow. */
    public Uni<CursorPage<OwnRequestView>> list(Actor actor, Long after, int limit) {
        return requests.page(pool, actor.userId(), after, limit + 1).chain(found -> {
            CursorPage<OwnRequestView> page = CursorPage.of(found.stream().map(this::view).toList(), limit,
                    OwnRequestView::id);
            if (page.items().isEmpty()) {
                return Uni.createFrom().item(page);
            }
            return requests.flows(pool, page.items().stream().map(OwnRequestView::id).toList())
                    .map(flows -> new CursorPage<>(page.items().stream()
                            .map(v -> v.withFlow(flows.get(v.id()))).toList(), page.nextCursor()));
        });
    }

    /** One of the caller's requests with its flow; anybody else's answers 404. */
    public Uni<OwnRequestView> get(Actor actor, long id) {
        return requests.find(pool, actor.userId(), id).chain(found -> {
            if (found == null) {
                throw IncidentProblems.notFound(id);
            }
            return requests.flows(pool, List.of(id)).map(flows -> view(found).withFlow(flows.get(id)));
        });
    }

    /** Adds text and photos to an open request; the handler is told through the outbox. */
    public Uni<OwnRequestView> addInfo(Actor actor, long id, String comment, List<UUID> mediaIds) {
        return transitions.applyReporter(actor, id, IncidentAction.ADD_INFO, comment, mediaIds, null)
                .chain(() -> get(actor, id));
    }

    /**
     * Rates a closed request: the RATE step of the handling loop (once, within the window, the reporter only), taken
     * from the resident's own requests without a version.
     */
    public Uni<OwnRequestView> rate(Actor actor, long id, int stars, String comment) {
        return transitions.applyReporter(actor, id, IncidentAction.RATE, comment, List.of(), stars)
                .chain(() -> get(actor, id));
    }

    /** Withdraws an open request: it is no longer worked on. */
    public Uni<OwnRequestView> withdraw(Actor actor, long id, String comment) {
        return pool.withTransaction(tx -> transitions.applyOwn(tx, actor, id, IncidentAction.WITHDRAW, comment,
                List.of())).chain(() -> get(actor, id));
    }

    private OwnRequestView view(OwnRequestRepository.Stored r) {
        OwnRequestView.Rating stars = r.rating() == null ? null
                : new OwnRequestView.Rating(r.rating(), r.ratingComment(), ApiTime.of(r.ratedAt()));
        return new OwnRequestView(r.id(), r.categoryCode(), r.categoryName(), r.status(),
                STATUS_NAMES.getOrDefault(r.status(), r.status().name()), r.description(), r.isPublic(), r.anonymous(),
                ApiTime.of(r.reportedAt()), ApiTime.of(r.deadlineAt()), ApiTime.of(r.closedAt()), r.ownerName(), stars,
                allowed(r, clock.instant()), null);
    }

    /** What the reporter may do now, from {@link Workflow}'s table: its reporter steps taken after the report. */
    private List<IncidentAction> allowed(OwnRequestRepository.Stored r, Instant now) {
        return Workflow.TABLE.stream()
                .filter(rule -> rule.party() == Workflow.Party.REPORTER && rule.via() != Workflow.Via.REPORT
                        && rule.from().contains(r.status()))
                .filter(rule -> rule.action() != IncidentAction.RATE || r.ratedAt() == null && r.closedAt() != null
                        && !now.isAfter(r.closedAt().plus(rating.window())))
                .map(Workflow.Rule::action).toList();
    }
}
