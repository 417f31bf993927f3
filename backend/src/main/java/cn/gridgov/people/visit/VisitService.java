package cn.gridgov.people.visit;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.ReportRequest;
import cn.gridgov.incident.ReportService;
import cn.gridgov.media.MediaAttachments;
import cn.gridgov.people.house.HouseholdRef;
import cn.gridgov.people.house.HouseholdRepository;
import cn.gridgov.people.visit.VisitRepository.DueRow;
import cn.gridgov.people.visit.VisitRepository.VisitRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Key-group visits (重点人群走访): the county's intervals per kind, a scope's due list (most overdue first), visits
 * recorded with their position checked against the building, and a visit's follow-up turned into an incident (source
 * VISIT) through the one report pipeline. Staff see households under their node only; anything else is absent (404).
 */
@ApplicationScoped
public class VisitService {

    /** Phones' clocks are off by a few minutes; a visit later than that is refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    private static final int MAX_TEXT = 2000;
    /** A visit is recorded within a year of it (and never at a time the database cannot hold). */
    private static final Duration LATEST_RECORDING = Duration.ofDays(366);
    /** A path no node has (ids start at 1): the scope of a caller who may see no household. */
    private static final String NO_SCOPE = "0";

    private final Pool pool;
    private final VisitRepository visits;
    private final HouseholdRepository households;
    private final ReportService reports;
    private final VisitConfig config;
    private final Clock clock;

    public VisitService(Pool pool, VisitRepository visits, HouseholdRepository households, ReportService reports,
                        VisitConfig config, Clock clock) {
        this.pool = pool;
        this.visits = visits;
        this.households = households;
        this.reports = reports;
        this.config = config;
        this.clock = clock;
    }

    /** Records a visit to a household in the caller's scope, photos and due time in the same transaction. */
    public Uni<VisitView> record(Actor actor, VisitRequest body, CoordType out) {
        Instant now = clock.instant();
        Checked c = check(body, now);
        String scope = scope(actor);
        return households.find(pool, c.householdId(), scope).chain(found -> {
            HouseholdRef household = found.orElseThrow(() -> householdNotFound(c.householdId()));
            return pool.withTransaction(tx -> visits.insert(tx, household.id(), household.buildingId(), actor.userId(),
                            c.visitedAt(), c.mode(), c.situation(), c.followUp(),
                            c.wgs84() == null ? null : c.wgs84().lng(), c.wgs84() == null ? null : c.wgs84().lat(),
                            config.toleranceMetres(), now)
                    .call(id -> c.media().isEmpty() ? Uni.createFrom().voidItem()
                            : visits.attach(tx, id, c.media(), actor.userId()).invoke(n -> {
                                if (n != c.media().size()) {
                                    throw DomainException.badRequest("MEDIA_NOT_ATTACHABLE",
                                            "有图片不存在、不是您上传的，或已用于其他事件或走访，请重新上传",
                                            "Some photos do not exist, are not yours, or are used elsewhere");
                                }
                            }))
                    .call(id -> visits.visited(tx, household.id(), c.visitedAt())));
        }).chain(id -> get(actor, id, out));
    }

    private record Checked(long householdId, Instant visitedAt, VisitMode mode, String situation, String followUp,
                           LngLat wgs84, List<UUID> media) {
    }

    /** Every field checked before anything is written; all refusals at once, in Chinese, per field. */
    private static Checked check(VisitRequest b, Instant now) {
        if (b == null) {
            throw DomainException.badRequest("VISIT_BODY_REQUIRED", "缺少走访记录", "A visit is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (b.householdId() == null) {
            errors.add(new FieldError("householdId", "必填"));
        }
        VisitMode mode = VisitMode.parse(b.mode()).orElse(null);
        if (mode == null) {
            errors.add(new FieldError("mode", "应为 HOME（上门）、PHONE（电话）或 VIDEO（视频）"));
        }
        String situation = b.situation() == null ? "" : b.situation().strip();
        if (situation.isEmpty()) {
            errors.add(new FieldError("situation", "请填写走访情况"));
        } else if (situation.length() > MAX_TEXT) {
            errors.add(new FieldError("situation", "最多 " + MAX_TEXT + " 字"));
        }
        String followUp = b.followUp() == null || b.followUp().isBlank() ? null : b.followUp().strip();
        if (followUp != null && followUp.length() > MAX_TEXT) {
            errors.add(new FieldError("followUp", "最多 " + MAX_TEXT + " 字"));
        }
        Instant visitedAt = b.visitedAt() == null ? now : b.visitedAt().toInstant();
        if (visitedAt.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError("visitedAt", "走访时间不能晚于当前时间"));
        } else if (visitedAt.isBefore(now.minus(LATEST_RECORDING))) {
            errors.add(new FieldError("visitedAt", "走访时间不能早于一年前"));
        }
        LngLat wgs84 = null;
        VisitRequest.VisitPosition p = b.location();
        if (p == null) {
            if (mode == VisitMode.HOME) {
                errors.add(new FieldError("location", "上门走访须带上当时的位置"));
            }
        } else if (p.lng() == null || p.lat() == null || !Double.isFinite(p.lng()) || !Double.isFinite(p.lat())
                || Math.abs(p.lng()) > 180 || Math.abs(p.lat()) > 90) {
            errors.add(new FieldError("location", "经纬度缺失或超出范围"));
        } else {
            wgs84 = CoordType.parse(p.coordType(), CoordType.GCJ02).toWgs84(new LngLat(p.lng(), p.lat()));
        }
        List<UUID> media = List.copyOf(new LinkedHashSet<>(b.media()));
        if (media.size() > MediaAttachments.MAX_PER_REQUEST) {
            errors.add(new FieldError("mediaIds", "最多 " + MediaAttachments.MAX_PER_REQUEST + " 张图片"));
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            throw DomainException.invalid("走访记录有误：" + first.field() + " " + first.message(),
                    "Invalid visit", errors);
        }
        return new Checked(b.householdId(), visitedAt, mode, situation, followUp, wgs84, media);
    }

    public Uni<VisitView> get(Actor actor, long id, CoordType out) {
        return visits.find(pool, id, scope(actor)).map(found -> view(found.orElseThrow(() -> visitNotFound(id)), out));
    }

    /** A household's visits, newest first (the household in scope, else 404). */
    public Uni<CursorPage<VisitView>> ofHousehold(Actor actor, long householdId, String cursor, String limit,
                                                  CoordType out) {
        Long after = CursorPage.after(cursor);
        int size = CursorPage.limit(limit);
        return households.find(pool, householdId, scope(actor)).chain(found -> {
            found.orElseThrow(() -> householdNotFound(householdId));
            return visits.ofHousehold(pool, householdId, after, size + 1)
                    .map(rows -> CursorPage.of(rows.stream().map(r -> view(r, out)).toList(), size, VisitView::id));
        });
    }

    /**
     * The caller's due list: households in a key group under their node, most overdue first; {@code withinDays}
     * (optional, 0 or more): only those due by that many days from today's end.
     */
    public Uni<CursorPage<VisitDue>> due(Actor actor, String cursor, String limit, String withinDays) {
        Long after = CursorPage.after(cursor);
        int size = CursorPage.limit(limit);
        Instant now = clock.instant();
        Instant dueBy = null;
        if (withinDays != null && !withinDays.isBlank()) {
            int days;
            try {
                days = Integer.parseInt(withinDays.strip());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 0 || days > 366) {
                throw DomainException.badRequest("BAD_WITHIN_DAYS", "withinDays 应为 0 到 366 之间的整数：" + withinDays,
                        "withinDays must be an integer from 0 to 366: " + withinDays);
            }
            dueBy = now.atZone(ApiTime.ZONE).toLocalDate().plusDays(days + 1L).atStartOfDay(ApiTime.ZONE).toInstant();
        }
        return visits.due(pool, scope(actor), after, dueBy, size + 1)
                .map(rows -> CursorPage.of(rows.stream().map(r -> due(r, now)).toList(), size, VisitDue::householdId));
    }

    /** One household's due entry (in a key group and in scope, else 404). */
    public Uni<VisitDue> dueOf(Actor actor, long householdId) {
        Instant now = clock.instant();
        return visits.dueOf(pool, householdId, scope(actor))
                .map(found -> due(found.orElseThrow(() -> householdNotFound(householdId)), now));
    }

    /** The caller's county's intervals, every kind. */
    public Uni<List<VisitRule>> rules(Actor actor) {
        return visits.rules(pool, county(actor)).map(rows -> rows.stream().map(VisitService::rule).toList());
    }

    /** Sets the caller's county's interval of one kind and moves the due times of its households. */
    public Uni<List<VisitRule>> setRule(Actor actor, String kindText, VisitRule.Change change) {
        KeyGroupKind kind = KeyGroupKind.parse(kindText).orElseThrow(() -> DomainException.badRequest("BAD_KEY_GROUP_KIND",
                "重点人群类别应为 ELDERLY_ALONE、DISABLED、LOW_INCOME 或 LEFT_BEHIND_CHILD：" + kindText,
                "The key-group kind must be ELDERLY_ALONE, DISABLED, LOW_INCOME or LEFT_BEHIND_CHILD: " + kindText));
        Integer days = change == null ? null : change.intervalDays();
        if (days == null || days < 1 || days > 365) {
            throw DomainException.invalid("走访周期应为 1 到 365 天", "The interval must be 1 to 365 days",
                    List.of(new FieldError("intervalDays", "应为 1 到 365 之间的整数")));
        }
        long county = county(actor);
        return pool.withTransaction(tx -> visits.setRule(tx, county, kind, days, actor.userId(), clock.instant())
                        .chain(() -> visits.reapply(tx, county, kind)))
                .chain(() -> rules(actor));
    }

    /**
     * Turns the visit's follow-up into an incident (source VISIT) at the visit's position (else the building's), once:
     * the key is derived from the visit, so a retry, or a second request, answers the same incident. Only the visitor
     * may (the report is theirs).
     */
    public Uni<ReportService.Reported> followUp(Actor actor, long visitId, VisitFollowUp body) {
        if (body == null || body.categoryCode() == null || body.categoryCode().isBlank()) {
            throw DomainException.invalid("请选择事件分类", "categoryCode is required",
                    List.of(new FieldError("categoryCode", "必填")));
        }
        return visits.find(pool, visitId, scope(actor)).chain(found -> {
            VisitRow v = found.orElseThrow(() -> visitNotFound(visitId));
            if (v.incidentId() != null) {
                return Uni.createFrom().item(ReportService.Reported.retry(v.incidentId()));
            }
            if (v.visitorId() != actor.userId()) {
                throw new NotAllowed("VISIT_NOT_YOURS", "只有走访人本人可以把跟进事项转为事件",
                        "Only the visitor can turn the follow-up into an incident");
            }
            String description = body.description() != null && !body.description().isBlank()
                    ? body.description().strip() : v.followUp();
            if (description == null) {
                throw DomainException.invalid("该走访没有跟进事项，请填写事件描述", "description is required",
                        List.of(new FieldError("description", "走访没有跟进事项时必填")));
            }
            if (description.length() > MAX_TEXT) {
                throw DomainException.invalid("事件描述最多 " + MAX_TEXT + " 字", "description is too long",
                        List.of(new FieldError("description", "最多 " + MAX_TEXT + " 字")));
            }
            String key = UUID.nameUUIDFromBytes(("visit-follow-up:" + visitId).getBytes(StandardCharsets.UTF_8))
                    .toString();
            return where(v).chain(position -> reports.report(actor, key, new ReportRequest(body.categoryCode().strip(),
                            description, position, body.mediaIds(), ApiTime.of(v.visitedAt()), false),
                    IncidentSource.VISIT))
                    .call(reported -> visits.linkIncident(pool, visitId, reported.id()));
        });
    }

    /** Where the follow-up happened: the visit's position, else its building's point (WGS-84). */
    private Uni<ReportRequest.Location> where(VisitRow v) {
        if (v.lng() != null) {
            return Uni.createFrom().item(new ReportRequest.Location(v.lng(), v.lat(), "wgs84"));
        }
        return pool.preparedQuery("SELECT ST_X(ST_PointOnSurface(COALESCE(boundary, position))) AS lng, "
                        + "ST_Y(ST_PointOnSurface(COALESCE(boundary, position))) AS lat FROM region WHERE id = $1")
                .execute(Tuple.of(v.buildingId()))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new ReportRequest.Location(r.getDouble("lng"), r.getDouble("lat"), "wgs84");
                });
    }

    private static VisitDue due(DueRow r, Instant now) {
        long overdue = ChronoUnit.DAYS.between(r.nextDueAt().atZone(ApiTime.ZONE).toLocalDate(),
                now.atZone(ApiTime.ZONE).toLocalDate());
        String supervision = r.overdueAt() != null ? "RED" : r.warnedAt() != null ? "YELLOW" : "NONE";
        return new VisitDue(r.householdId(), r.buildingId(), r.buildingName(), r.unitName(), r.roomNumber(), r.label(),
                r.kinds(), r.intervalDays(), ApiTime.of(r.lastVisitAt()), ApiTime.of(r.nextDueAt()), overdue,
                supervision, r.level());
    }

    private static VisitRule rule(VisitRepository.RuleRow r) {
        KeyGroupKind kind = KeyGroupKind.valueOf(r.kind());
        return new VisitRule(r.kind(), kind.zh(), r.customDays() != null ? r.customDays() : r.defaultDays(),
                r.customDays() != null, r.defaultDays());
    }

    private static VisitView view(VisitRow v, CoordType out) {
        Double lng = null;
        Double lat = null;
        if (v.lng() != null) {
            LngLat q = out.fromWgs84(new LngLat(v.lng(), v.lat()));
            lng = Math.round(q.lng() * 1e7) / 1e7;
            lat = Math.round(q.lat() * 1e7) / 1e7;
        }
        return new VisitView(v.id(), v.householdId(), v.buildingId(), v.visitorId(), ApiTime.of(v.visitedAt()),
                v.mode().name(), v.mode().zh(), v.situation(), v.followUp(), lng, lat,
                lng == null ? null : out.name().toLowerCase(), v.distanceMetres(), v.far(), v.mediaIds(), v.incidentId(),
                ApiTime.of(v.createdAt()));
    }

    /** The caller's scope: staff bound to a node see its subtree; anyone else (department staff) sees nothing. */
    private static String scope(Actor actor) {
        return actor.scopePath() == null || actor.isDepartmentStaff() ? NO_SCOPE : actor.scopePath();
    }

    /** The caller's county: the root of their node's path. */
    private static long county(Actor actor) {
        if (actor.scopePath() == null || actor.isDepartmentStaff()) {
            throw new NotAllowed("VISIT_RULES_NEED_NODE", "只有绑定到区域节点的工作人员可以查看走访周期",
                    "Only staff bound to a node of the tree have visit rules");
        }
        String path = actor.scopePath();
        int dot = path.indexOf('.');
        return Long.parseLong(dot < 0 ? path : path.substring(0, dot));
    }

    static DomainException householdNotFound(long id) {
        return DomainException.notFound("Household", "户", id);
    }

    static DomainException visitNotFound(long id) {
        return DomainException.notFound("Visit", "走访记录", id);
    }
}
