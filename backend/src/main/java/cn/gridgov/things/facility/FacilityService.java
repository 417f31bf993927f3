package cn.gridgov.things.facility;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.OutOfScope;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentQueries;
import cn.gridgov.incident.IncidentView;
import cn.gridgov.region.Location;
import cn.gridgov.region.LocateIndex;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.things.facility.FacilityRepository.FacilityRow;
import cn.gridgov.things.facility.FacilityRepository.Placed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Facilities (部件): staff create, edit and import them within their scope; anyone reporting gets those within
 * 20 m suggested; a facility's incident history. Another community's facility looks absent (404).
 */
@ApplicationScoped
public class FacilityService {

    /** How far from a reported point a facility is suggested. */
    public static final double NEARBY_METRES = 20;
    private static final int NEARBY_LIMIT = 20;

    private final Pool pool;
    private final FacilityRepository facilities;
    private final FacilityCatalog catalog;
    private final RegionRepository regions;
    private final LocateIndex locator;
    private final IncidentQueries incidents;
    private final Clock clock;

    public FacilityService(Pool pool, FacilityRepository facilities, FacilityCatalog catalog, RegionRepository regions, LocateIndex locator,
                           IncidentQueries incidents, Clock clock) {
        this.pool = pool;
        this.facilities = facilities;
        this.catalog = catalog;
        this.regions = regions;
        this.locator = locator;
        this.incidents = incidents;
        this.clock = clock;
    }

    public Uni<FacilityView> create(Actor actor, FacilityRequest request, CoordType out) {
        return catalog.load().chain(lookups -> {
            FacilityCheck.Draft draft = checked(request, lookups);
            return place(actor, draft.wgs84()).chain(placed -> {
                if (placed.problem() != null) {
                    throw placed.problem().exception();
                }
                Placed p = new Placed(draft, placed.regionId());
                Instant now = clock.instant();
                return pool.withTransaction(tx -> codeFree(tx, draft.code(), null)
                                .chain(() -> facilities.insert(tx, p, actor.userId(), now)))
                        .onFailure(PgException.class).transform(FacilityService::codeRace)
                        .chain(id -> facilities.find(pool, id, actor.scopePath()))
                        .map(row -> view(row, lookups, out));
            });
        });
    }

    public Uni<FacilityView> update(Actor actor, long id, FacilityRequest request, CoordType out) {
        if (request.version() == null) {
            throw DomainException.invalid("修改部件须带上读取时的版本号 version", "version is required to edit a facility",
                    List.of(new FieldError("version", "必填")));
        }
        return facilities.find(pool, id, actor.scopePath()).chain(existing -> {
            if (existing == null) {
                throw notFound(id);
            }
            return catalog.load().chain(lookups -> {
                FacilityCheck.Draft draft = checked(request, lookups);
                return place(actor, draft.wgs84()).chain(placed -> {
                    if (placed.problem() != null) {
                        throw placed.problem().exception();
                    }
                    Placed p = new Placed(draft, placed.regionId());
                    return pool.withTransaction(tx -> codeFree(tx, draft.code(), id)
                                    .chain(() -> facilities.update(tx, id, p, request.version(), clock.instant())))
                            .onFailure(PgException.class).transform(FacilityService::codeRace)
                            .chain(updated -> {
                                if (!updated) {
                                    throw new StaleVersion("部件已被他人修改，请刷新后重试",
                                            "The facility changed since you read it; reload and retry");
                                }
                                return facilities.find(pool, id, actor.scopePath());
                            })
                            .map(row -> view(row, lookups, out));
                });
            });
        });
    }

    public Uni<FacilityView> get(Actor actor, long id, CoordType out) {
        return facilities.find(pool, id, actor.scopePath()).chain(row -> {
            if (row == null) {
                throw notFound(id);
            }
            return catalog.load().map(lookups -> view(row, lookups, out));
        });
    }

    public Uni<CursorPage<FacilityView>> list(Actor actor, Long regionId, FacilityState state, String categoryCode,
                                              String cursor, String limit, CoordType out) {
        Long after = CursorPage.after(cursor);
        int size = CursorPage.limit(limit);
        Uni<String> under = regionId == null ? Uni.createFrom().nullItem()
                : regions.findWithin(regionId, actor.scopePath()).map(region -> {
                    if (region == null) {
                        throw DomainException.notFound("Region", "区域", regionId);
                    }
                    return region.path();
                });
        return under.chain(path -> facilities.list(actor.scopePath(), path, state, categoryCode, after, size))
                .chain(rows -> catalog.load().map(lookups -> CursorPage.of(
                        rows.stream().map(r -> view(r, lookups, out)).toList(), size, FacilityView::id)));
    }

    /** Facilities within {@link #NEARBY_METRES} of the point, nearest first; staff see only their scope's. */
    public Uni<List<FacilityView.Nearby>> nearby(Actor actor, LngLat wgs84, CoordType out) {
        return facilities.nearby(wgs84, NEARBY_METRES, actor.isStaff(), actor.scopePath(), NEARBY_LIMIT)
                .chain(rows -> catalog.load().map(lookups -> rows.stream().map(n -> {
                    FacilityView v = view(n.facility(), lookups, out);
                    return new FacilityView.Nearby(v.id(), v.code(), v.name(), v.categoryCode(), v.categoryName(),
                            v.state(), v.location(), Math.round(n.distance() * 10) / 10.0);
                }).toList()));
    }

    /** The incidents that named the facility and the caller may see, newest first. */
    public Uni<CursorPage<IncidentView>> incidents(Actor actor, long id, String cursor, String limit, CoordType out) {
        Long after = CursorPage.after(cursor);
        int size = CursorPage.limit(limit);
        return facilities.find(pool, id, actor.scopePath()).chain(row -> {
            if (row == null) {
                throw notFound(id);
            }
            return facilities.incidentIds(id, after, size + 1);
        }).chain(ids -> {
            CursorPage<Long> idPage = CursorPage.of(ids, size, Long::longValue);
            if (idPage.items().isEmpty()) {
                return Uni.createFrom().item(new CursorPage<IncidentView>(List.of(), null));
            }
            return Multi.createFrom().iterable(idPage.items())
                    .onItem().transformToUniAndConcatenate(incidentId -> incidents.detail(actor, incidentId, out)
                            .onFailure(NotFound.class).recoverWithNull())
                    .collect().asList()
                    .map(views -> new CursorPage<>(views.stream().filter(Objects::nonNull).toList(),
                            idPage.nextCursor()));
        });
    }

    /** A problem with the place of a facility, for a form (an exception) or an import row (a reason). */
    record PlaceProblem(String code, String zh, String en, boolean outOfScope) {
        DomainException exception() {
            return outOfScope ? new OutOfScope(code, zh, en) : DomainException.badRequest(code, zh, en);
        }
    }

    /** The node a position hangs on, or why it cannot be placed. */
    record Place(Long regionId, PlaceProblem problem) {
    }

    /** The building the point is in or next to, else the deepest area; it must lie in the caller's scope. */
    Uni<Place> place(Actor actor, LngLat wgs84) {
        return locator.locate(wgs84).chain(location -> {
            if (location == null) {
                return Uni.createFrom().item(new Place(null, new PlaceProblem("OUTSIDE_COVERAGE",
                        "该位置不在本县网格范围内", "The position is outside the county's grids", false)));
            }
            long nodeId = nodeOf(location);
            return regions.pathOf(pool, nodeId).map(path -> Actor.within(path, actor.scopePath())
                    ? new Place(nodeId, null)
                    : new Place(null, new PlaceProblem("FACILITY_OUT_OF_SCOPE", "该位置不在您的管辖范围内",
                    "The position is outside your area", true)));
        });
    }

    static long nodeOf(Location location) {
        return location.building() != null ? location.building().id() : location.deepest().id();
    }

    private static FacilityCheck.Draft checked(FacilityRequest request, FacilityCatalog.Lookups lookups) {
        FacilityCheck.Result result = FacilityCheck.check(request, lookups, CoordType.GCJ02);
        if (!result.problems().isEmpty()) {
            throw DomainException.invalid("部件信息有误：" + result.problems().get(0).zh(),
                    "Invalid facility: " + result.problems().get(0).en(),
                    result.problems().stream().map(p -> new FieldError(p.field(), p.zh())).toList());
        }
        return result.draft();
    }

    private Uni<Void> codeFree(io.vertx.mutiny.sqlclient.SqlClient tx, String code, Long exceptId) {
        if (code == null) {
            return Uni.createFrom().voidItem();
        }
        return facilities.codesTaken(tx, List.of(code), exceptId).invoke(taken -> {
            if (!taken.isEmpty()) {
                throw codeTaken(code);
            }
        }).replaceWithVoid();
    }

    /** A concurrent write took the code first: the unique constraint (23505) refused ours. */
    static Throwable codeRace(Throwable e) {
        PgException pg = (PgException) e;
        return "23505".equals(pg.getSqlState()) && "facility_code_key".equals(pg.getConstraint())
                ? codeTaken("") : e;
    }

    static DomainException codeTaken(String code) {
        return DomainException.conflict("FACILITY_CODE_TAKEN", "部件编码已被使用：" + code,
                "The facility code is already used: " + code);
    }

    static DomainException notFound(long id) {
        return DomainException.notFound("Facility", "部件", id);
    }

    static FacilityView view(FacilityRow r, FacilityCatalog.Lookups lookups, CoordType out) {
        LngLat p = out.fromWgs84(new LngLat(r.lng(), r.lat()));
        return new FacilityView(r.id(), r.code(), r.name(), r.categoryCode(), lookups.categoryName(r.categoryCode()),
                r.state(), new FacilityView.Position(round(p.lng()), round(p.lat()), out.name().toLowerCase()),
                new FacilityView.Node(r.regionId(), r.regionName(), r.regionLevel()), lookups.department(r.departmentId()),
                r.note(), r.version(), ApiTime.of(r.createdAt().toInstant()), ApiTime.of(r.updatedAt().toInstant()));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }
}
