package cn.gridgov.volunteer.task;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.incident.IncidentQueries;
import cn.gridgov.incident.IncidentView;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.volunteer.VolunteerNotice;
import cn.gridgov.volunteer.VolunteerService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Volunteer tasks: a community's admins publish them (or make one from an incident in scope) and cancel them, which
 * tells every claimer; staff see the tasks of their scope, a volunteer those of their community.
 */
@ApplicationScoped
public class TaskService {

    static final Set<String> STATUSES = Set.of("OPEN", "CANCELLED");

    private final Pool pool;
    private final TaskRepository tasks;
    private final ClaimRepository claims;
    private final RegionRepository regions;
    private final IncidentQueries incidents;
    private final VolunteerService volunteers;
    private final VolunteerNotice notice;
    private final Clock clock;

    public TaskService(Pool pool, TaskRepository tasks, ClaimRepository claims, RegionRepository regions,
                       IncidentQueries incidents, VolunteerService volunteers, VolunteerNotice notice, Clock clock) {
        this.pool = pool;
        this.tasks = tasks;
        this.claims = claims;
        this.regions = regions;
        this.incidents = incidents;
        this.volunteers = volunteers;
        this.notice = notice;
        this.clock = clock;
    }

    public Uni<TaskViews.VolunteerTaskView> publish(Actor actor, TaskRequests.VolunteerTaskRequest body, CoordType coordType) {
        if (!body.endsAt().isAfter(body.startsAt())) {
            throw DomainException.badRequest("BAD_TASK_TIME", "结束时间 endsAt 应晚于开始时间 startsAt",
                    "endsAt must be after startsAt");
        }
        if (!body.endsAt().toInstant().isAfter(clock.instant())) {
            throw DomainException.badRequest("TASK_ENDS_IN_PAST", "结束时间 endsAt 已经过去", "endsAt is in the past");
        }
        LngLat given = body.location() == null ? null : CoordType.parse(body.location().coordType(), CoordType.GCJ02)
                .toWgs84(LngLat.checked(body.location().lng(), body.location().lat()));
        Uni<IncidentView> incident = body.incidentId() == null ? Uni.createFrom().nullItem()
                : incidents.detail(actor, body.incidentId(), CoordType.WGS84);
        return incident.chain(from -> {
            Long communityId = body.communityId();
            if (from != null) {
                Long ofIncident = from.region().communityId();
                if (ofIncident == null || communityId != null && !communityId.equals(ofIncident)) {
                    throw DomainException.badRequest("INCIDENT_NOT_IN_COMMUNITY", "该事件不在所选社区内：" + body.incidentId(),
                            "The incident does not lie in that community: " + body.incidentId());
                }
                communityId = ofIncident;
            }
            if (communityId == null) {
                throw DomainException.badRequest("COMMUNITY_REQUIRED", "请选择发布任务的社区 communityId",
                        "communityId is required");
            }
            long community = communityId;
            Long placeRegionId = body.placeRegionId() != null ? body.placeRegionId()
                    : from != null ? Long.valueOf(from.region().regionId()) : null;
            LngLat point = given != null ? given
                    : from != null && body.placeRegionId() == null ? new LngLat(from.location().lng(), from.location().lat())
                    : null;
            if (placeRegionId == null && point == null) {
                throw DomainException.badRequest("PLACE_REQUIRED", "请填写任务地点：placeRegionId 或 location",
                        "Give the task's place: placeRegionId or location");
            }
            return regions.findWithin(community, actor.scopePath()).chain(c -> {
                if (c == null || c.level() != RegionLevel.COMMUNITY) {
                    throw communityNotFound(community);
                }
                return placeRegionId == null ? Uni.createFrom().item(Optional.<Region>empty())
                        : regions.findWithin(placeRegionId, c.path()).map(Optional::ofNullable);
            }).chain(place -> {
                if (placeRegionId != null && place.isEmpty()) {
                    throw DomainException.badRequest("BAD_PLACE", "地点 placeRegionId 应在该社区内：" + placeRegionId,
                            "placeRegionId must lie in the community: " + placeRegionId);
                }
                TaskRepository.TaskInsert row = new TaskRepository.TaskInsert(community, body.kind(), body.title().trim(),
                        body.description() == null || body.description().isBlank() ? null : body.description().trim(),
                        placeRegionId, point == null ? null : point.lng(), point == null ? null : point.lat(),
                        body.startsAt(), body.endsAt(), body.needed(), body.points(), body.incidentId(), actor.userId());
                return pool.withTransaction(tx -> tasks.insert(tx, row, clock.instant())
                        .chain(id -> tasks.findWithin(tx, id, actor.scopePath())));
            });
        }).map(found -> TaskViews.VolunteerTaskView.of(found.get(), coordType))
                .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                        && TaskRepository.INCIDENT_ONCE.equals(((PgException) e).getConstraint())
                        ? new Conflict("INCIDENT_HAS_TASK", "该事件已生成过志愿任务", "A task was made from this incident already")
                        : e);
    }

    /** Staff: tasks of communities in scope; a volunteer: their community's tasks. Newest first. */
    public Uni<CursorPage<TaskViews.VolunteerTaskView>> list(Actor actor, Long communityId, String status, String cursor,
                                                             int limit, CoordType coordType) {
        if (status != null && !STATUSES.contains(status)) {
            throw DomainException.badRequest("BAD_STATUS", "status 只能是 OPEN 或 CANCELLED：" + status,
                    "status must be OPEN or CANCELLED: " + status);
        }
        Long before = CursorPage.after(cursor);
        long beforeId = before == null ? Long.MAX_VALUE : before;
        Uni<List<TaskRow>> rows = actor.isStaff()
                ? (actor.scopePath() == null ? Uni.createFrom().item(List.of())
                : tasks.list(pool, actor.scopePath(), communityId, status, beforeId, limit + 1))
                : volunteers.mine(actor.userId()).chain(v -> tasks.list(pool, null, v.communityId(), status, beforeId,
                limit + 1));
        return rows.map(found -> {
            CursorPage<TaskRow> page = CursorPage.of(found, limit, TaskRow::id);
            return new CursorPage<>(page.items().stream().map(t -> TaskViews.VolunteerTaskView.of(t, coordType)).toList(),
                    page.nextCursor());
        });
    }

    public Uni<TaskViews.VolunteerTaskView> get(Actor actor, long id, CoordType coordType) {
        return visible(actor, id).map(t -> TaskViews.VolunteerTaskView.of(t, coordType));
    }

    /** The task if the actor may see it: staff with its community in scope, or a volunteer of its community; else 404. */
    Uni<TaskRow> visible(Actor actor, long id) {
        Uni<Optional<TaskRow>> found = actor.isStaff() ? tasks.findWithin(pool, id, actor.scopePath())
                : volunteers.mine(actor.userId()).chain(v -> tasks.findOfCommunity(pool, id, v.communityId()));
        return found.map(t -> t.orElseThrow(() -> notFound(id)));
    }

    /** An admin cancels an open task in scope; every live claim ends and its volunteer is told. */
    public Uni<TaskViews.VolunteerTaskView> cancel(Actor actor, long id, TaskRequests.VolunteerTaskCancel body, CoordType coordType) {
        String reason = body.reason().trim();
        return pool.withTransaction(tx -> tasks.findWithin(tx, id, actor.scopePath()).chain(found -> {
            TaskRow task = found.orElseThrow(() -> notFound(id));
            if (!"OPEN".equals(task.status())) {
                throw new Conflict("TASK_CANCELLED", "该任务已取消", "The task is cancelled already");
            }
            Instant now = clock.instant();
            return tasks.cancel(tx, id, body.version(), reason, now).chain(done -> {
                if (!done) {
                    throw new StaleVersion("任务已变化，请刷新后重试", "The task changed since you read it");
                }
                return claims.cancelOfTask(tx, id);
            }).chain(ended -> {
                Uni<Void> told = Uni.createFrom().voidItem();
                for (ClaimRepository.Cancelled c : ended) {
                    told = told.call(() -> notice.claimChanged(tx, c.id(), id, task.title(), "CANCELLED", reason,
                            c.userId(), now));
                }
                return told;
            }).chain(() -> tasks.findWithin(tx, id, actor.scopePath()));
        })).map(after -> TaskViews.VolunteerTaskView.of(after.get(), coordType));
    }

    static NotFound notFound(long id) {
        return new NotFound("VOLUNTEER_TASK_NOT_FOUND", "志愿任务不存在或无权访问：" + id, "Volunteer task not found: " + id);
    }

    private static NotFound communityNotFound(long id) {
        return new NotFound("COMMUNITY_NOT_FOUND", "社区不存在或无权访问：" + id, "Community not found: " + id);
    }
}
