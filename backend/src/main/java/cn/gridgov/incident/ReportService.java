package cn.gridgov.incident;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.idempotency.IdempotencyKeys;
import cn.gridgov.common.ratelimit.RateLimiter;
import cn.gridgov.common.security.Actor;
import cn.gridgov.identity.staff.GridDuty;
import cn.gridgov.identity.staff.GridDutyRepository;
import cn.gridgov.incident.IncidentRepository.NewIncident;
import cn.gridgov.incident.Workflow.Rule;
import cn.gridgov.incident.category.Category;
import cn.gridgov.incident.category.CategoryService;
import cn.gridgov.incident.category.HandlingLevel;
import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.WorkingCalendar;
import cn.gridgov.media.MediaAttachments;
import cn.gridgov.moderation.ContentScreen;
import cn.gridgov.moderation.FlagKind;
import cn.gridgov.moderation.Screened;
import cn.gridgov.region.Location;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.LocateIndex;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.things.facility.FacilityLinks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reporting: locates the point, fills the region chain, finds the owner node and the person on duty, starts
 * the deadline and attaches the photos, all in one transaction keyed by the client's Idempotency-Key.
 */
@ApplicationScoped
public class ReportService {

    /** Clocks of phones are off by a few minutes; a report from the future beyond that is refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final Pool pool;
    private final RateLimiter limiter;
    private final ReportConfig config;
    private final CategoryService categories;
    private final RegionRepository regions;
    private final LocateIndex locator;
    private final GridDutyRepository duties;
    private final WorkingCalendar calendar;
    private final IdempotencyKeys keys;
    private final MediaAttachments media;
    private final IncidentWriter writer;
    private final IncidentRepository incidents;
    private final IncidentSearch search;
    private final ObjectMapper json;
    private final Clock clock;
    private final FacilityLinks facilities;
    private final ContentScreen screen;

    public ReportService(Pool pool, CategoryService categories, RegionRepository regions, LocateIndex locator, GridDutyRepository duties,
                         WorkingCalendar calendar, IdempotencyKeys keys, MediaAttachments media, IncidentWriter writer,
                         IncidentRepository incidents, ObjectMapper json, Clock clock, RateLimiter limiter,
                         ReportConfig config, FacilityLinks facilities, ContentScreen screen,
                         IncidentSearch search) {
        this.search = search;
        this.facilities = facilities;
        this.screen = screen;
        this.limiter = limiter;
        this.config = config;
        this.pool = pool;
        this.categories = categories;
        this.regions = regions;
        this.locator = locator;
        this.duties = duties;
        this.calendar = calendar;
        this.keys = keys;
        this.media = media;
        this.writer = writer;
        this.incidents = incidents;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What reporting did: the incident's id, and whether this request made it (false: a retry of an earlier one).
     * A new incident comes with what the transaction wrote, as it reads back (the row, its flow, the possible
     * duplicates, whether photos were attached), so that the answer needs no second read; a retry with none of it.
     */
    public record Reported(long id, boolean created, Incident incident, List<FlowEntry> flow,
                           List<IncidentView.Duplicate> duplicates, boolean withPhotos) {

        /** An earlier report answered again: only its id is known here. */
        public static Reported retry(long id) {
            return new Reported(id, false, null, null, null, false);
        }
    }

    /** A report from the mini program: source GRID_REPORT for staff, RESIDENT for residents. */
    public Uni<Reported> report(Actor actor, String idempotencyKey, ReportRequest request) {
        return report(actor, idempotencyKey, request,
                actor.isStaff() ? IncidentSource.GRID_REPORT : IncidentSource.RESIDENT);
    }

    /**
     * A report through another channel (Open311, ...), recorded with that {@code source}; a system reporting for
     * many people under one account ({@link IncidentSource#OPEN311}, {@link IncidentSource#HOTLINE}) has the larger
     * per-system limit.
     * <p>
     * Round trips: the rate count, the new ids and the locate at once (on the pool; their outcomes are then taken in
     * the order they were before, admission first), BEGIN, the claim of the key (recording the new incident's id),
     * the lock on the located node and the duty lookup (pipelined), every write with the duplicate search
     * (pipelined), COMMIT.
     */
    public Uni<Reported> report(Actor actor, String idempotencyKey, ReportRequest request, IncidentSource source) {
        String key = IdempotencyKeys.checked(idempotencyKey);
        CoordType coordType = CoordType.parse(request.location().coordType(), CoordType.GCJ02);
        LngLat wgs84 = coordType.toWgs84(LngLat.checked(request.location().lng(), request.location().lat()));
        Instant now = clock.instant();
        Instant occurredAt = request.occurredAt() == null ? null : request.occurredAt().toInstant();
        if (occurredAt != null && occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw DomainException.badRequest("OCCURRED_IN_FUTURE", "发生时间不能晚于当前时间",
                    "occurredAt lies in the future");
        }
        if (request.isSelfResolved()) {
            Rule rule = Workflow.rule(IncidentAction.SELF_RESOLVE).orElseThrow();
            if (Workflow.reportingRole(rule.party(), actor).isEmpty()) {
                throw new Invalid("SELF_RESOLVE_STAFF_ONLY", "只有网格员等工作人员可以就地解决上报",
                        "Only staff can report an incident as resolved on the spot");
            }
            Workflow.checkNeeds(rule, null, false, !request.media().isEmpty(), false);
        }
        String hash = IdempotencyKeys.hash(canonical(request, coordType));
        String scope = "incident-report:" + actor.userId();
        int limit = source == IncidentSource.OPEN311 || source == IncidentSource.HOTLINE ? config.reportsPerSystem()
                : config.reportsPerUser();
        Uni<Outcome<Void>> admitted = Outcome.of(limiter.admit("incident-report:" + actor.userId(), limit,
                config.reportWindow(), "TOO_MANY_REPORTS", "上报过于频繁，请稍后再试",
                "Too many reports; please try again later"));
        Uni<Outcome<Location>> located = Outcome.of(locator.locate(wgs84));
        // the ids are drawn beforehand (sequences are outside transactions), so the claim can record the incident's id
        Uni<IncidentRepository.NewIds> drawn = incidents.newIds(pool, request.isSelfResolved() ? 2 : 1);
        return Uni.combine().all().unis(admitted, located, Outcome.of(drawn)).asTuple()
                .chain(all -> all.getItem1().get()
                        .chain(() -> categories.reportable(request.categoryCode()))
                        // a resident's text is checked before anything is written: risky text is refused, nothing stored
                        .chain(category -> (source == IncidentSource.RESIDENT
                                ? screen.screen(actor, FlagKind.REQUEST, request.description())
                                : Uni.createFrom().item(Screened.CLEAR))
                                .chain(screened -> calendar.calculator()
                                        .chain(calc -> all.getItem2().get()
                                                .chain(location -> all.getItem3().get()
                                                        .chain(ids -> pool.withTransaction(tx -> claimAndCreate(tx,
                                                                scope, key, hash, actor, request, source, category,
                                                                calc, location, wgs84, now, occurredAt, screened,
                                                                ids))))))));
    }

    /** A result or the failure that stood for it, to be taken later: {@link #get} answers it as a Uni again. */
    private record Outcome<T>(T item, Throwable failure) {
        static <T> Uni<Outcome<T>> of(Uni<T> uni) {
            return uni.map(item -> new Outcome<T>(item, null)).onFailure().recoverWithItem(e -> new Outcome<>(null, e));
        }

        Uni<T> get() {
            return failure != null ? Uni.createFrom().failure(failure) : Uni.createFrom().item(item);
        }
    }

    /** What the first batch of the transaction answers: the claim, the located node's path, the assignee. */
    private record Prepared(IdempotencyKeys.Claim claim, Optional<String> regionPath, Optional<Long> assignee) {
    }

    private Uni<Reported> claimAndCreate(SqlClient tx, String scope, String key, String hash, Actor actor,
                                         ReportRequest request, IncidentSource source, Category category,
                                         DeadlineCalculator calc, Location location, LngLat wgs84, Instant now,
                                         Instant occurredAt, Screened screened, IncidentRepository.NewIds ids) {
        if (location == null) {
            return keys.claim(tx, scope, key, hash).map(c -> {
                if (c.fresh()) {
                    throw outsideCoverage();
                }
                return Reported.retry(c.existingResourceId());
            });
        }
        long locatedId = location.building() != null ? location.building().id() : location.deepest().id();
        boolean selfResolved = request.isSelfResolved();
        // sent together: the claim (recording the new incident's id), then the located node's row is held first (the
        // claim aside), as it was when they went one by one
        return Uni.combine().all().unis(keys.claim(tx, scope, key, hash, ids.incidentId()),
                        regions.lockedPathOf(tx, locatedId).map(Optional::ofNullable),
                        assignee(tx, actor, locatedId, selfResolved).map(Optional::ofNullable))
                .combinedWith(Prepared::new)
                .chain(p -> p.claim().fresh()
                        ? create(tx, actor, request, source, category, calc, location, wgs84, now, occurredAt,
                                p.regionPath().orElse(null), p.assignee().orElse(null), ids)
                                .call(() -> screen.keep(tx, screened, ids.incidentId()))
                        : Uni.createFrom().item(Reported.retry(p.claim().existingResourceId())));
    }

    private static DomainException outsideCoverage() {
        return DomainException.badRequest("OUTSIDE_COVERAGE", "该位置不在本县网格范围内，请确认定位后重试",
                "The location is outside the county's grids");
    }

    private Uni<Reported> create(SqlClient tx, Actor actor, ReportRequest request, IncidentSource source,
                                 Category category, DeadlineCalculator calc, Location location, LngLat wgs84,
                                 Instant now, Instant occurredAt, String regionPath, Long assignee,
                                 IncidentRepository.NewIds ids) {
        List<Location.Node> chain = location.chain();
        long locatedId = location.building() != null ? location.building().id() : location.deepest().id();
        int ownerIndex = ownerIndex(chain, category.handlingLevel);
        String ownerPath = chain.subList(0, ownerIndex + 1).stream().map(n -> Long.toString(n.id()))
                .collect(Collectors.joining("."));
        boolean selfResolved = request.isSelfResolved();
        Instant deadline = calc.due(now, category.deadlineAmount, category.deadlineUnit);
        String role = Workflow.reporterRole(actor);
        Rule selfResolve = Workflow.rule(IncidentAction.SELF_RESOLVE).orElseThrow();
        String chainPath = chain.stream().map(n -> Long.toString(n.id())).collect(Collectors.joining("."));
        return regionUnmoved(tx, regionPath, chainPath, location.deepest().id()).chain(() -> {
            long id = ids.incidentId();
            NewIncident row = new NewIncident(id, category.id, source,
                    selfResolved ? selfResolve.to() : IncidentStatus.REPORTED, request.description().trim(),
                    wgs84.lng(), wgs84.lat(), locatedId, regionPath, idAt(chain, RegionLevel.TOWN),
                    idAt(chain, RegionLevel.COMMUNITY), idAt(chain, RegionLevel.COMPOUND),
                    location.building() == null ? null : location.building().id(),
                    chain.get(ownerIndex).id(), ownerPath, assignee, actor.userId(), selfResolved, occurredAt,
                    now, deadline, selfResolved ? now : null, request.publicOnBoard(),
                    request.anonymousOnBoard());
            List<FlowEntry> flow = new ArrayList<>();
            flow.add(new FlowEntry(ids.flowIds().get(0), id, IncidentAction.REPORT, null, IncidentStatus.REPORTED,
                    actor.userId(), role, null, selfResolved ? List.of() : request.media(), assignee,
                    chain.get(ownerIndex).id(), now));
            if (selfResolved) {
                flow.add(new FlowEntry(ids.flowIds().get(1), id, selfResolve.action(), IncidentStatus.REPORTED,
                        selfResolve.to(), actor.userId(), role, "就地解决", request.media(), assignee,
                        chain.get(ownerIndex).id(), now));
            }
            // every write and the duplicate search go out together (pipelined), in this order; a failure of one
            // fails the report (the first one answered), and the transaction rolls back
            Uni<List<IncidentView.Duplicate>> duplicates = search.duplicatesOf(tx, id, Visibility.of(actor));
            return Uni.combine().all().unis(writer.create(tx, row, flow, category.name),
                            media.attach(tx, request.media(), id, actor.userId()),
                            facilities.link(tx, request.facilityId(), id, chain, now), duplicates)
                    .combinedWith((created, attached, linked, found) -> new Reported(id, true,
                            IncidentRepository.asStored(row, category.code, category.name),
                            flow.stream().map(IncidentRepository::asStored).toList(), found,
                            !request.media().isEmpty()));
        });
    }

    /**
     * Refuses the report (409 REGION_MOVED) when the tree moved between locate and now. The located node's row is
     * held ({@code regionPath}, read with its lock): an import that committed before shows in its path or in the
     * deepest area's. When the held path lies at or below the located chain, the deepest area (a node of that
     * path) still has the chain's path, which is then not read again; otherwise it is read, as before.
     */
    private Uni<Void> regionUnmoved(SqlClient tx, String regionPath, String chainPath, long deepestId) {
        if (regionPath != null && (regionPath.equals(chainPath) || regionPath.startsWith(chainPath + "."))) {
            return Uni.createFrom().voidItem();
        }
        return regions.pathOf(tx, deepestId).invoke(deepestPath -> {
            if (!chainPath.equals(deepestPath)) {
                throw IncidentProblems.regionMoved();
            }
        }).replaceWithVoid();
    }

    /** The person on duty nearest above the located node; the reporter when they resolved it themselves. */
    private Uni<Long> assignee(SqlClient tx, Actor actor, long locatedId, boolean selfResolved) {
        if (selfResolved) {
            return Uni.createFrom().item(actor.userId());
        }
        return duties.onDutyFor(tx, locatedId).map(onDuty -> onDuty.map(GridDuty::userId).orElse(null));
    }

    /** The chain index of the owner node: the category's handling level, or the deepest level above it present. */
    static int ownerIndex(List<Location.Node> chain, HandlingLevel level) {
        RegionLevel wanted = RegionLevel.valueOf(level.name());
        int index = 0;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).level().ordinal() <= wanted.ordinal()) {
                index = i;
            }
        }
        return index;
    }

    private static Long idAt(List<Location.Node> chain, RegionLevel level) {
        return chain.stream().filter(n -> n.level() == level).map(Location.Node::id).findFirst().orElse(null);
    }

    /** The request in a canonical form (values in a fixed order, position as given): its hash tells bodies apart. */
    private String canonical(ReportRequest r, CoordType coordType) {
        try {
            List<Object> values = new ArrayList<>(Arrays.asList(r.categoryCode().trim(), r.description().trim(),
                    r.location().lng(), r.location().lat(), coordType.name(), r.media(),
                    r.occurredAt() == null ? null : r.occurredAt().toInstant().toString(), r.isSelfResolved()));
            // added only when set: the hashes of reports that are private, not anonymous and name no facility (all
            // the reports made before these choices existed) stay as they were
            if (r.publicOnBoard() || r.anonymousOnBoard()) {
                values.add(r.publicOnBoard());
                values.add(r.anonymousOnBoard());
            }
            if (r.facilityId() != null) {
                values.add(r.facilityId());
            }
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
