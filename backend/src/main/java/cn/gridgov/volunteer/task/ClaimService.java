package cn.gridgov.volunteer.task;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.media.MediaAttachments;
import cn.gridgov.party.cobuild.ContactService;
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
import java.util.Optional;

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
    private final ContactService contacts;
    private final Clock clock;

    public ClaimService(Pool pool, TaskRepository tasks, ClaimRepository claims, TaskService taskService,
                        VolunteerService volunteers, PointsLedger ledger, MediaAttachments media, VolunteerNotice notice,
                        ContactService contacts, Clock clock) {
        this.pool = pool;
        this.tasks = tasks;
        this.claims = claims;
        this.taskService = taskService;
        this.volunteers = volunteers;
        this.ledger = ledger;
        this.media = media;
        this.notice = notice;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The caller (a volunteer of the task's community) claims one place. */
    public Uni<TaskViews.VolunteerClaimView> claim(Actor actor, long taskId) {
        return volunteers.mine(actor.userId()).chain(v -> pool.withTransaction(tx -> {
            Instant now = clock.instant();
            return tasks.claimPlace(tx, taskId, v.communityId(), v.id(), now).chain(claimed -> claimed.isPresent()
                    ? claims.find(tx, claimed.get()).map(c -> c.get())
                    : tasks.findOfCommunity(tx, taskId, v.communityId()).chain(task -> noPlace(task, taskId, now)));
        })).map(this::view).onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                && TaskRepository.CLAIM_ONCE.equals(((PgException) e).getConstraint())
                ? new Conflict("ALREADY_CLAIMED", "您已认领过该任务", "You claimed this task already") : e);
    }

    /**
     * A co-building unit claims one place through its linked contact (the caller), by the same rule as a volunteer:
     * never past the number needed, once per unit and task. The unit must have an agreement in force with the task's
     * community; otherwise, as for anyone who may not see the task, 404.
     */
    public Uni<TaskViews.VolunteerClaimView> claimForUnit(Actor actor, long taskId, long unitId) {
        return pool.withTransaction(tx -> tasks.find(tx, taskId).chain(task -> task.isEmpty()
                ? Uni.createFrom().failure(TaskService.notFound(taskId))
                : contacts.mayActFor(tx, actor.userId(), unitId, task.get().communityId()).chain(may -> {
                    if (!may) {
                        throw TaskService.notFound(taskId);
                    }
                    Instant now = clock.instant();
                    return tasks.claimPlaceForUnit(tx, taskId, unitId, actor.userId(), now).chain(claimed ->
                            claimed.isPresent() ? claims.find(tx, claimed.get()).map(c -> c.get())
                                    : noPlace(task, taskId, now));
                }))).map(this::view).onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                && TaskRepository.UNIT_CLAIM_ONCE.equals(((PgException) e).getConstraint())
                ? new Conflict("UNIT_ALREADY_CLAIMED", "该单位已认领过该任务", "The unit claimed this task already") : e);
    }

    /** Why no place was taken: the task is not there (404), over or cancelled, or full (409). */
    private static Uni<ClaimRow> noPlace(Optional<TaskRow> task, long taskId, Instant now) {
        return Uni.createFrom().failure(task.isEmpty() ? TaskService.notFound(taskId)
                : !"OPEN".equals(task.get().status()) || !task.get().endsAt().toInstant().isAfter(now)
                ? new Conflict("TASK_CLOSED", "该任务已取消或已结束，不能认领", "The task is cancelled or over")
                : new Conflict("TASK_FULL", "该任务名额已满", "The task has no places left"));
    }

    /** The claims the caller made for the co-building units they are the contact of, newest first. */
    public Uni<CursorPage<TaskViews.VolunteerClaimView>> ofMyUnits(long userId, String cursor, int limit) {
        Long before = CursorPage.after(cursor);
        return claims.ofClaimant(pool, userId, before == null ? Long.MAX_VALUE : before, limit + 1)
                .map(rows -> CursorPage.of(rows.stream().map(this::view).toList(), limit,
                        TaskViews.VolunteerClaimView::id));
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

    /**
     * The claimer (the volunteer, or the contact who claimed for their unit) reports their part done, with their own
     * uploaded photos (attached in the same transaction).
     */
    public Uni<TaskViews.VolunteerClaimView> report(Actor actor, long claimId, TaskRequests.VolunteerClaimReport body) {
        String note = body.note() == null || body.note().isBlank() ? null : body.note().trim();
        return pool.withTransaction(tx -> claims.findForUpdate(tx, claimId).chain(found -> {
            ClaimRow claim = found.filter(c -> c.claimerUserId() == actor.userId()).orElseThrow(() -> notFound(claimId));
            if (!"CLAIMED".equals(claim.status())) {
                throw new Conflict("CLAIM_NOT_OPEN", "该认领已报告完成、已确认或已取消（" + claim.status() + "）",
                        "The claim was reported, confirmed or cancelled already");
            }
            return claims.report(tx, claimId, note, clock.instant())
                    .call(() -> media.attachToClaim(tx, body.mediaIds(), claimId, actor.userId()))
                    .chain(() -> claims.find(tx, claimId));
        })).map(found -> view(found.get()));
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
                            claim.volunteerId() == null ? "单位服务已确认" : "获得 " + claim.taskPoints() + " 积分",
                            claim.claimerUserId(), now))
                    .chain(() -> claims.find(tx, claimId)).map(c -> c.get());
        })).map(this::view);
    }

    /** Credits the task's points to the volunteer; a unit's claim credits none (points are a person's). */
    private Uni<Void> credit(SqlClient tx, ClaimRow claim, long actorUserId, Instant now) {
        if (claim.taskPoints() <= 0 || claim.volunteerId() == null) {
            return Uni.createFrom().voidItem();
        }
        return ledger.append(tx, claim.volunteerId(), PointsLedger.CREDIT, claim.taskPoints(), null, claim.id(), null,
                actorUserId, now).chain(entry -> notice.credited(tx, entry.get().id(), entry.get().amount(),
                entry.get().balanceAfter(), claim.taskTitle(), claim.claimerUserId(), now));
    }

    private TaskViews.VolunteerClaimView view(ClaimRow c) {
        return TaskViews.VolunteerClaimView.of(c, volunteers.mask(c.phoneEnc()));
    }

    static NotFound notFound(long id) {
        return new NotFound("VOLUNTEER_CLAIM_NOT_FOUND", "认领记录不存在或无权访问：" + id, "Claim not found: " + id);
    }
}
