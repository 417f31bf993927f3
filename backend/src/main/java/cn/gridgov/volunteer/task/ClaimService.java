package cn.gridgov.volunteer.task;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.media.MediaAttachments;
import cn.gridgov.volunteer.VolunteerNotice;
import cn.gridgov.volunteer.VolunteerService;
import cn.gridgov.volunteer.points.PointsLedger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Claims of task places: a volunteer claims one (never past the number needed, once per task), reports their part
 * done with photos, and the community confirms, which credits the task's points exactly once.
 */
@ApplicationScoped
public class ClaimService {

    private final Pool pool;
    private final TaskRepository tasks;
    private final ClaimRepository claims;
    private final TaskService taskService;
    private final VolunteerService volunteers;
    private final PointsLedger ledger;
    private final MediaAttachments media;
    private final VolunteerNotice notice;
    private final Clock clock;

    public ClaimService(Pool pool, TaskRepository tasks, ClaimRepository claims, TaskService taskService,
                        VolunteerService volunteers, PointsLedger ledger, MediaAttachments media, VolunteerNotice notice,
                        Clock clock) {
        this.pool = pool;
        this.tasks = tasks;
        this.claims = claims;
        this.taskService = taskService;
        this.volunteers = volunteers;
        this.ledger = ledger;
        this.media = media;
        this.notice = notice;
        this.clock = clock;
    }

    /** The caller (a volunteer of the task's community) claims one place. */
    public Uni<TaskViews.VolunteerClaimView> claim(Actor actor, long taskId) {
        return volunteers.mine(actor.userId()).chain(v -> pool.withTransaction(tx -> {
            Instant now = clock.instant();
            return tasks.claimPlace(tx, taskId, v.communityId(), v.id(), now).chain(claimed -> claimed.isPresent()
                    ? claims.find(tx, claimed.get()).map(c -> c.get())
                    : tasks.findOfCommunity(tx, taskId, v.communityId()).chain(task -> Uni.createFrom().failure(
                    task.isEmpty() ? TaskService.notFound(taskId)
                            : !"OPEN".equals(task.get().status()) || !task.get().endsAt().toInstant().isAfter(now)
                            ? new Conflict("TASK_CLOSED", "该任务已取消或已结束，不能认领", "The task is cancelled or over")
                            : new Conflict("TASK_FULL", "该任务名额已满", "The task has no places left"))));
        })).map(this::view).onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                && TaskRepository.CLAIM_ONCE.equals(((PgException) e).getConstraint())
                ? new Conflict("ALREADY_CLAIMED", "您已认领过该任务", "You claimed this task already") : e);
    }

    /** The claims of a task the staff member sees, by id; phones masked. */
    public Uni<CursorPage<TaskViews.VolunteerClaimView>> ofTask(Actor actor, long taskId, String cursor, int limit) {
        Long after = CursorPage.after(cursor);
        return taskService.visible(actor, taskId)
                .chain(task -> claims.ofTask(pool, taskId, after == null ? 0 : after, limit + 1))
                .map(rows -> CursorPage.of(rows.stream().map(this::view).toList(), limit,
                        TaskViews.VolunteerClaimView::id));
    }

    /** The caller's own claims, newest first. */
    public Uni<CursorPage<TaskViews.VolunteerClaimView>> mine(long userId, String cursor, int limit) {
        Long before = CursorPage.after(cursor);
        return volunteers.mine(userId)
                .chain(v -> claims.ofVolunteer(pool, v.id(), before == null ? Long.MAX_VALUE : before, limit + 1))
                .map(rows -> CursorPage.of(rows.stream().map(this::view).toList(), limit,
                        TaskViews.VolunteerClaimView::id));
    }

    /** The claimer reports their part done, with their own uploaded photos (attached in the same transaction). */
    public Uni<TaskViews.VolunteerClaimView> report(Actor actor, long claimId, TaskRequests.VolunteerClaimReport body) {
        String note = body.note() == null || body.note().isBlank() ? null : body.note().trim();
        return volunteers.mine(actor.userId()).chain(v -> pool.withTransaction(tx -> claims.findForUpdate(tx, claimId)
                .chain(found -> {
                    ClaimRow claim = found.filter(c -> c.volunteerId() == v.id()).orElseThrow(() -> notFound(claimId));
                    if (!"CLAIMED".equals(claim.status())) {
                        throw new Conflict("CLAIM_NOT_OPEN", "该认领已报告完成、已确认或已取消（" + claim.status() + "）",
                                "The claim was reported, confirmed or cancelled already");
                    }
                    return claims.report(tx, claimId, v.id(), note, clock.instant())
                            .call(() -> media.attachToClaim(tx, body.mediaIds(), claimId, actor.userId()))
                            .chain(() -> claims.find(tx, claimId));
                }))).map(found -> view(found.get()));
    }

    /**
     * An admin with the task's community in scope confirms a reported claim: the claim becomes CONFIRMED and the
     * task's points are credited, in one transaction. Confirming again answers the confirmed claim and credits nothing
     * (the claim row is locked, and the ledger takes one credit per claim).
     */
    public Uni<TaskViews.VolunteerClaimView> confirm(Actor actor, long claimId) {
        return pool.withTransaction(tx -> claims.findForUpdate(tx, claimId).chain(found -> {
            ClaimRow claim = found.filter(c -> Actor.within(c.communityPath(), actor.scopePath()))
                    .orElseThrow(() -> notFound(claimId));
            if ("CONFIRMED".equals(claim.status())) {
                return Uni.createFrom().item(claim);
            }
            if (!"REPORTED".equals(claim.status())) {
                throw new Conflict("CLAIM_NOT_REPORTED", "志愿者尚未报告完成，或任务已取消，不能确认（" + claim.status() + "）",
                        "The claim has not been reported done, or the task was cancelled");
            }
            Instant now = clock.instant();
            return claims.confirm(tx, claimId, actor.userId(), now)
                    .call(() -> credit(tx, claim, actor.userId(), now))
                    .call(() -> notice.claimChanged(tx, claimId, claim.taskId(), claim.taskTitle(), "CONFIRMED",
                            "获得 " + claim.taskPoints() + " 积分", claim.volunteerUserId(), now))
                    .chain(() -> claims.find(tx, claimId)).map(c -> c.get());
        })).map(this::view);
    }

    private Uni<Void> credit(SqlClient tx, ClaimRow claim, long actorUserId, Instant now) {
        if (claim.taskPoints() <= 0) {
            return Uni.createFrom().voidItem();
        }
        return ledger.append(tx, claim.volunteerId(), PointsLedger.CREDIT, claim.taskPoints(), null, claim.id(), null,
                actorUserId, now).chain(entry -> notice.credited(tx, entry.get().id(), entry.get().amount(),
                entry.get().balanceAfter(), claim.taskTitle(), claim.volunteerUserId(), now));
    }

    private TaskViews.VolunteerClaimView view(ClaimRow c) {
        return TaskViews.VolunteerClaimView.of(c, volunteers.mask(c.phoneEnc()));
    }

    static NotFound notFound(long id) {
        return new NotFound("VOLUNTEER_CLAIM_NOT_FOUND", "认领记录不存在或无权访问：" + id, "Claim not found: " + id);
    }
}
