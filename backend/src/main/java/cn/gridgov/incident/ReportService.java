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
    private final GridDutyRepository duties;
    private final WorkingCalendar calendar;
    private final IdempotencyKeys keys;
    private final MediaAttachments media;
    private final IncidentWriter writer;
    private final IncidentRepository incidents;
    private final ObjectMapper json;
    private final Clock clock;
    private final FacilityLinks facilities;
    private final ContentScreen screen;

    public ReportService(Pool pool, CategoryService categories, RegionRepository regions, GridDutyRepository duties,
                         WorkingCalendar calendar, IdempotencyKeys keys, MediaAttachments media, IncidentWriter writer,
                         IncidentRepository incidents, ObjectMapper json, Clock clock, RateLimiter limiter,
                         ReportConfig config, FacilityLinks facilities, ContentScreen screen) {
        this.facilities = facilities;
        this.screen = screen;
        this.limiter = limiter;
        this.config = config;
        this.pool = pool;
        this.categories = categories;
        this.regions = regions;
        this.duties = duties;
        this.calendar = calendar;
        this.keys = keys;
        this.media = media;
        this.writer = writer;
        this.incidents = incidents;
        this.json = json;
        this.clock = clock;
    }

    /** What reporting did: the incident's id, and whether this request made it (false: a retry of an earlier one). */
    public record Reported(long id, boolean created) {
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
        return limiter.admit("incident-report:" + actor.userId(), limit, config.reportWindow(),
                        "TOO_MANY_REPORTS", "上报过于频繁，请稍后再试", "Too many reports; please try again later")
                .chain(() -> categories.reportable(request.categoryCode()))
                // a resident's text is checked before anything is written: risky text is refused, nothing stored
                .chain(category -> (source == IncidentSource.RESIDENT
                        ? screen.screen(actor, FlagKind.REQUEST, request.description())
                        : Uni.createFrom().item(Screened.CLEAR)).chain(screened -> calendar.calculator()
                        .chain(calc -> regions.locate(wgs84)
                                .chain(location -> pool.withTransaction(tx -> keys.claim(tx, scope, key, hash)
                                        .chain(claim -> claim.fresh()
                                                ? create(tx, actor, request, source, category, calc, location,
                                                        wgs84, now, occurredAt).call(id -> keys.complete(tx, scope, key, id))
                                                        .call(id -> screen.keep(tx, screened, id))
                                                        .map(id -> new Reported(id, true))
                                                : Uni.createFrom().item(new Reported(claim.existingResourceId(),
                                                        false))))))));
    }

    private Uni<Long> create(SqlClient tx, Actor actor, ReportRequest request, IncidentSource source, Category category,
                             DeadlineCalculator calc,
                             Location location, LngLat wgs84, Instant now, Instant occurredAt) {
        if (location == null) {
            throw DomainException.badRequest("OUTSIDE_COVERAGE", "该位置不在本县网格范围内，请确认定位后重试",
                    "The location is outside the county's grids");
        }
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
        long deepestId = location.deepest().id();
        // the located node's row is held first; an import that committed before it shows in the deepest area's path
        return regions.lockedPathOf(tx, locatedId)
                .call(regionPath -> regions.pathOf(tx, deepestId).invoke(deepestPath -> {
                    if (!chainPath.equals(deepestPath)) {
                        throw IncidentProblems.regionMoved();
                    }
                }))
                .chain(regionPath -> assignee(tx, actor, locatedId, selfResolved).chain(assignee -> {
                    NewIncident row = new NewIncident(category.id, source,
                            selfResolved ? selfResolve.to() : IncidentStatus.REPORTED, request.description().trim(),
                            wgs84.lng(), wgs84.lat(), locatedId, regionPath, idAt(chain, RegionLevel.TOWN),
                            idAt(chain, RegionLevel.COMMUNITY), idAt(chain, RegionLevel.COMPOUND),
                            location.building() == null ? null : location.building().id(),
                            chain.get(ownerIndex).id(), ownerPath, assignee, actor.userId(), selfResolved, occurredAt,
                            now, deadline, selfResolved ? now : null, request.publicOnBoard(),
                            request.anonymousOnBoard());
                    List<FlowEntry> flow = new ArrayList<>();
                    flow.add(new FlowEntry(null, 0, IncidentAction.REPORT, null, IncidentStatus.REPORTED,
                            actor.userId(), role, null, selfResolved ? List.of() : request.media(), assignee,
                            chain.get(ownerIndex).id(), now));
                    if (selfResolved) {
                        flow.add(new FlowEntry(null, 0, selfResolve.action(), IncidentStatus.REPORTED,
                                selfResolve.to(), actor.userId(), role, "就地解决", request.media(), assignee,
                                chain.get(ownerIndex).id(), now));
                    }
                    return writer.create(tx, row, flow)
                            .call(id -> media.attach(tx, request.media(), id, actor.userId()))
                            .call(id -> facilities.link(tx, request.facilityId(), id, chain, now));
                }));
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
