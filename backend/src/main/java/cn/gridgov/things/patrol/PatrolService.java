package cn.gridgov.things.patrol;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.ReportRequest;
import cn.gridgov.incident.ReportService;
import cn.gridgov.things.patrol.PatrolRepository.PatrolRow;
import cn.gridgov.things.patrol.PatrolRepository.PointRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Patrols (巡查): a grid worker starts one on their grid, sends positions in batches (at most one kept per 10 s;
 * closer ones dropped and counted; jumps faster than a car kept with a flag), reports findings as PATROL incidents
 * through the one report pipeline, and finishes it, which stores the track and its summary.
 */
@ApplicationScoped
public class PatrolService {

    /** The least time between two kept points. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    /** Faster than this between two kept points is a jump (faster than a car in town). */
    public static final double MAX_SPEED_KMH = 120;
    /** How far to each side of the track a patrol counts as covering its grid. */
    public static final double COVERAGE_METRES = 30;
    /** The most points one batch may carry. */
    public static final int MAX_BATCH = 500;
    /** The most points one patrol keeps (a day at one per 10 s). */
    public static final int MAX_POINTS = 8640;
    /** Phones' clocks are off by a little; a point from further in the future is refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final Pool pool;
    private final PatrolRepository patrols;
    private final ReportService reports;
    private final Clock clock;

    public PatrolService(Pool pool, PatrolRepository patrols, ReportService reports, Clock clock) {
        this.pool = pool;
        this.patrols = patrols;
        this.reports = reports;
        this.clock = clock;
    }

    public Uni<PatrolView> start(Actor actor) {
        if (actor.scopeRegionId() == null) {
            throw DomainException.badRequest("PATROL_NEEDS_GRID", "只有负责网格的工作人员可以开始巡查",
                    "Only staff bound to a grid can start a patrol");
        }
        return pool.withTransaction(tx -> patrols.insert(tx, actor.userId(), actor.scopeRegionId(), clock.instant()))
                .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                        && "patrol_one_active".equals(((PgException) e).getConstraint())
                        ? new Conflict("PATROL_ALREADY_ACTIVE", "已有进行中的巡查，请先结束它",
                        "A patrol is already under way; finish it first") : e)
                .chain(id -> get(actor, id, CoordType.GCJ02));
    }

    /** Adds a batch of points to the caller's own active patrol (anyone else's: 404). */
    public Uni<PatrolPoints.Result> addPoints(Actor actor, long id, PatrolPoints body) {
        CoordType type = CoordType.parse(body.coordType(), CoordType.GCJ02);
        List<PatrolPoints.Point> points = body.points();
        if (points == null || points.isEmpty() || points.size() > MAX_BATCH) {
            throw DomainException.badRequest("BAD_PATROL_BATCH", "每批应有 1 到 " + MAX_BATCH + " 个点",
                    "A batch holds 1 to " + MAX_BATCH + " points");
        }
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        List<Incoming> incoming = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            PatrolPoints.Point p = points.get(i);
            if (p == null || p.lng() == null || p.lat() == null || p.at() == null) {
                errors.add(new FieldError("points[" + i + "]", "缺少 lng、lat 或 at"));
            } else if (!Double.isFinite(p.lng()) || !Double.isFinite(p.lat()) || Math.abs(p.lng()) > 180
                    || Math.abs(p.lat()) > 90) {
                errors.add(new FieldError("points[" + i + "]", "经纬度超出范围"));
            } else if (p.at().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                errors.add(new FieldError("points[" + i + "].at", "时间晚于当前时间"));
            } else {
                incoming.add(new Incoming(type.toWgs84(new LngLat(p.lng(), p.lat())), p.at().toInstant()));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("轨迹点有误：" + errors.get(0).field() + " " + errors.get(0).message(),
                    "Invalid patrol points", errors);
        }
        incoming.sort(Comparator.comparing(Incoming::at));
        return pool.withTransaction(tx -> patrols.lockOwn(tx, id, actor.userId()).chain(patrol -> {
            if (patrol == null) {
                throw notFound(id);
            }
            if (patrol.status() != PatrolStatus.ACTIVE) {
                throw finished(id);
            }
            return patrols.lastPoint(tx, id).chain(last -> {
                Filtered f = filter(patrol, last, incoming);
                if (patrol.pointsKept() + f.kept().size() > MAX_POINTS) {
                    throw DomainException.conflict("PATROL_TOO_LONG", "巡查轨迹点过多（最多 " + MAX_POINTS + " 个），请结束本次巡查",
                            "The patrol holds too many points (at most " + MAX_POINTS + "); finish it");
                }
                int flagged = (int) f.kept().stream().filter(PointRow::jump).count();
                return patrols.append(tx, id, f.kept(), f.dropped()).map(v -> new PatrolPoints.Result(f.kept().size(),
                        f.dropped(), flagged, patrol.pointsKept() + f.kept().size(),
                        patrol.pointsDropped() + f.dropped(), patrol.jumpsFlagged() + flagged));
            });
        }));
    }

    private record Incoming(LngLat wgs84, Instant at) {
    }

    private record Filtered(List<PointRow> kept, int dropped) {
    }

    /**
     * Keeps a point when it comes at least {@link #MIN_INTERVAL} after the last kept one (and not before the start);
     * a kept point reached faster than {@link #MAX_SPEED_KMH} from the last kept one is flagged as a jump.
     */
    static Filtered filter(PatrolRow patrol, PointRow last, List<Incoming> incoming) {
        List<PointRow> kept = new ArrayList<>();
        int dropped = 0;
        Instant earliest = patrol.startedAt().toInstant().minus(CLOCK_SKEW);
        PointRow previous = last;
        int seq = last == null ? 0 : last.seq();
        for (Incoming p : incoming) {
            if (p.at().isBefore(earliest)
                    || previous != null && p.at().isBefore(previous.at().toInstant().plus(MIN_INTERVAL))) {
                dropped++;
                continue;
            }
            Double speed = null;
            boolean jump = false;
            if (previous != null) {
                double metres = metres(previous.lng(), previous.lat(), p.wgs84().lng(), p.wgs84().lat());
                double seconds = Duration.between(previous.at().toInstant(), p.at()).toMillis() / 1000.0;
                speed = Math.round(metres / seconds * 3.6 * 10) / 10.0;
                jump = speed > MAX_SPEED_KMH;
            }
            PointRow row = new PointRow(++seq, p.at().atOffset(ZoneOffset.UTC), p.wgs84().lng(), p.wgs84().lat(), jump,
                    speed);
            kept.add(row);
            previous = row;
        }
        return new Filtered(kept, dropped);
    }

    /** The great-circle distance in metres (haversine on the mean Earth radius). */
    static double metres(double lng1, double lat1, double lng2, double lat2) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Finishes the caller's own patrol and stores its summary; finishing a finished one answers it as it is. */
    public Uni<PatrolView> finish(Actor actor, long id, CoordType out) {
        return pool.withTransaction(tx -> patrols.lockOwn(tx, id, actor.userId()).chain(patrol -> {
            if (patrol == null) {
                throw notFound(id);
            }
            if (patrol.status() == PatrolStatus.FINISHED) {
                return Uni.createFrom().voidItem();
            }
            return patrols.finish(tx, id, clock.instant(), COVERAGE_METRES);
        })).chain(() -> get(actor, id, out));
    }

    /** A finding during the caller's own active patrol: an incident of source PATROL, through the report pipeline. */
    public Uni<ReportService.Reported> report(Actor actor, long id, String idempotencyKey, ReportRequest request) {
        return patrols.find(pool, id, actor.userId(), null).chain(patrol -> {
            if (patrol == null || patrol.userId() != actor.userId()) {
                throw notFound(id);
            }
            if (patrol.status() != PatrolStatus.ACTIVE) {
                throw finished(id);
            }
            // the report commits on its own; a retry with the same key finds the incident and links it again
            return reports.report(actor, idempotencyKey, request, IncidentSource.PATROL)
                    .call(reported -> patrols.linkFinding(pool, id, reported.id()));
        });
    }

    public Uni<PatrolView> get(Actor actor, long id, CoordType out) {
        return patrols.find(pool, id, actor.userId(), actor.isStaff() ? actor.scopePath() : null).chain(patrol -> {
            if (patrol == null) {
                throw notFound(id);
            }
            return patrols.points(pool, id, false).chain(points -> patrols.findings(pool, id)
                    .map(findings -> view(patrol, points, findings, out, true)));
        });
    }

    public Uni<CursorPage<PatrolView>> list(Actor actor, String cursor, String limit, CoordType out) {
        Long after = CursorPage.after(cursor);
        int size = CursorPage.limit(limit);
        return patrols.list(pool, actor.userId(), actor.isStaff() ? actor.scopePath() : null, after, size + 1)
                .map(rows -> CursorPage.of(rows.stream().map(r -> view(r, List.of(), List.of(), out, false)).toList(),
                        size, PatrolView::id));
    }

    private static PatrolView view(PatrolRow p, List<PointRow> points, List<Long> findings, CoordType out,
                                   boolean withTrack) {
        String type = out.name().toLowerCase();
        List<double[]> coordinates = new ArrayList<>();
        List<PatrolView.Jump> jumps = new ArrayList<>();
        for (PointRow point : points) {
            LngLat q = out.fromWgs84(new LngLat(point.lng(), point.lat()));
            double[] c = {round(q.lng()), round(q.lat())};
            coordinates.add(c);
            if (point.jump()) {
                jumps.add(new PatrolView.Jump(point.seq(), ApiTime.of(point.at().toInstant()), c[0], c[1],
                        point.speedKmh() == null ? 0 : point.speedKmh()));
            }
        }
        PatrolView.Track track = withTrack && coordinates.size() >= 2
                ? new PatrolView.Track("LineString", type, coordinates) : null;
        return new PatrolView(p.id(), p.userId(), p.regionId(), p.regionName(), p.status(),
                ApiTime.of(p.startedAt().toInstant()),
                p.finishedAt() == null ? null : ApiTime.of(p.finishedAt().toInstant()), p.pointsKept(),
                p.pointsDropped(), p.jumpsFlagged(),
                p.lengthMetres() == null ? null : Math.round(p.lengthMetres() * 10) / 10.0, p.durationSeconds(),
                p.coverage() == null ? null : Math.round(p.coverage() * 10000) / 10000.0, track, jumps,
                findings);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }

    static DomainException notFound(long id) {
        return DomainException.notFound("Patrol", "巡查", id);
    }

    static DomainException finished(long id) {
        return DomainException.conflict("PATROL_FINISHED", "该巡查已结束：" + id, "The patrol is finished: " + id);
    }
}
