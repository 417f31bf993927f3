package cn.gridgov.resident;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.TransitionService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Revisits (回访) after low ratings: the community's list, and recording one, which may reopen the incident. */
@ApplicationScoped
public class RevisitService {

    private static final String REOPEN_COMMENT = "回访后重新办理";

    private final Pool pool;
    private final RevisitRepository revisits;
    private final TransitionService transitions;
    private final Clock clock;

    public RevisitService(Pool pool, RevisitRepository revisits, TransitionService transitions, Clock clock) {
        this.pool = pool;
        this.revisits = revisits;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** What staff record after revisiting. */
    public record Recording(Revisit.Outcome outcome, String note, boolean reopen) {
    }

    /** Revisits within the caller's scope, newest first. */
    public Uni<CursorPage<RevisitView>> list(Actor actor, Revisit.Status status, Long after, int limit) {
        Instant now = clock.instant();
        return revisits.page(pool, actor.scopePath(), status, after, limit + 1)
                .map(found -> CursorPage.of(found.stream().map(v -> view(v, now)).toList(), limit, RevisitView::id));
    }

    /**
     * Records the revisit once; with {@code reopen} the incident goes back to its dispatcher (REOPEN, who may
     * take it as the table says) in the same transaction.
     */
    public Uni<RevisitView> record(Actor actor, long id, Recording recording) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> revisits.findForUpdate(tx, id, actor.scopePath()).chain(revisit -> {
            if (revisit == null) {
                throw DomainException.notFound("revisit", "回访任务", id);
            }
            if (revisit.status() == Revisit.Status.DONE) {
                throw DomainException.conflict("REVISIT_RECORDED", "该回访已记录，不能重复记录",
                        "This revisit has been recorded already");
            }
            String note = recording.note() == null || recording.note().isBlank() ? null : recording.note().trim();
            Uni<?> reopening = recording.reopen()
                    ? transitions.applyOwn(tx, actor, revisit.incidentId(), IncidentAction.REOPEN,
                            note == null ? REOPEN_COMMENT : note, List.of())
                    : Uni.createFrom().voidItem();
            return reopening.chain(() -> revisits.record(tx, id, recording.outcome(), note, recording.reopen(),
                            actor.userId(), now))
                    .chain(() -> revisits.findForUpdate(tx, id, actor.scopePath()))
                    .map(after -> view(after, now));
        }));
    }

    static RevisitView view(Revisit v, Instant now) {
        return new RevisitView(v.id(), v.incidentId(), v.categoryName(), v.communityId(), v.rating(),
                v.ratingComment(), ApiTime.of(v.dueAt()), v.status() == Revisit.Status.OPEN && v.dueAt().isBefore(now),
                v.status(), v.outcome(), v.note(), v.reopened(), v.recordedBy(), ApiTime.of(v.recordedAt()),
                ApiTime.of(v.createdAt()), v.version());
    }
}
