package cn.gridgov.setup;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.identity.staff.StaffAccount;
import cn.gridgov.identity.staff.StaffRepository;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.ReportRequest;
import cn.gridgov.incident.ReportService;
import cn.gridgov.incident.TransitionRequest;
import cn.gridgov.incident.TransitionService;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A dozen incidents in the demo community, reported by a demo resident through the real report pipeline and some
 * moved on by the demo dispatcher, so the map, the queue and the dashboard have something to show. Idempotent: the
 * reports carry fixed idempotency keys, and nothing is moved again once the first report already existed.
 */
@ApplicationScoped
public class DemoIncidents {

    private static final Logger LOG = Logger.getLogger(DemoIncidents.class);

    /** The demo resident (the WeChat dev login {@code dev:demo-resident} is the same person). */
    static final String RESIDENT_OPENID = "dev-demo-resident";

    private static final String[][] REPORTS = {
            {"0101", "小区东门井盖缺失，夜间有行人踩空的危险"},
            {"0102", "3号楼前路灯不亮已经三天"},
            {"0201", "垃圾站旁垃圾堆积，气味很大"},
            {"0301", "消防通道被私家车长期占用"},
    };

    private final Pool pool;
    private final UserRepository users;
    private final StaffRepository staff;
    private final RegionService regions;
    private final ReportService reports;
    private final TransitionService transitions;
    private final ObjectMapper json;

    public DemoIncidents(Pool pool, UserRepository users, StaffRepository staff, RegionService regions,
                         ReportService reports, TransitionService transitions, ObjectMapper json) {
        this.pool = pool;
        this.users = users;
        this.staff = staff;
        this.regions = regions;
        this.reports = reports;
        this.transitions = transitions;
        this.json = json;
    }

    /** Reports the demo incidents unless they exist; answers how many were created. */
    public Uni<Integer> ensure() {
        Uni<Optional<StaffAccount>> dispatcher = staff.findByUsername(pool, "demo-community");
        Uni<Optional<StaffAccount>> worker = staff.findByUsername(pool, "demo-worker");
        return Uni.combine().all().unis(dispatcher, worker).asTuple().flatMap(t -> {
            if (t.getItem1().isEmpty() || t.getItem2().isEmpty()) {
                return Uni.createFrom().item(0);
            }
            StaffAccount community = t.getItem1().get();
            return users.upsertResident(pool, RESIDENT_OPENID, null)
                    .flatMap(resident -> regions.children(community.regionId(), community.regionPath(), CoordType.WGS84)
                            .flatMap(compounds -> reportAll(resident.id(), community, t.getItem2().get(), compounds)));
        });
    }

    private Uni<Integer> reportAll(long residentId, StaffAccount community, StaffAccount worker, List<Region> compounds) {
        Actor resident = new Actor(residentId, Set.of(Role.RESIDENT), null, null, "127.0.0.1");
        List<Long> created = new ArrayList<>();
        Uni<Boolean> chain = Uni.createFrom().item(true);
        int n = 0;
        for (Region compound : compounds.subList(0, Math.min(3, compounds.size()))) {
            if (compound.position() == null) {
                continue;
            }
            for (int i = 0; i < REPORTS.length; i++) {
                int number = n++;
                String[] report = REPORTS[i];
                double lng = compound.position().lng() + 0.0002 * (i - 1.5);
                double lat = compound.position().lat() + 0.00015 * (i % 2);
                chain = chain.flatMap(go -> !go ? Uni.createFrom().item(false)
                        : reports.report(resident, "demo-incident-" + number, request(report, lng, lat))
                        .invoke(r -> {
                            if (r.created()) {
                                created.add(r.id());
                            }
                        })
                        .map(ReportService.Reported::created)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("demo incident %d not reported: %s", number, e.getMessage());
                            return true;
                        }));
            }
        }
        return chain.flatMap(ignored -> moveOn(created, community, worker)).replaceWith(() -> created.size());
    }

    /** The first few accepted, some of those dispatched to the demo grid worker, one rejected; the rest stay new. */
    private Uni<Void> moveOn(List<Long> ids, StaffAccount community, StaffAccount worker) {
        Actor dispatcher = new Actor(community.userId(), Set.of(Role.STAFF, Role.COMMUNITY_ADMIN),
                community.regionPath(), community.regionId(), "127.0.0.1");
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            List<Map<String, Object>> steps = switch (i % 6) {
                case 0, 1 -> List.of(step(IncidentAction.ACCEPT, null, null));
                case 2, 3 -> List.of(step(IncidentAction.ACCEPT, null, null),
                        step(IncidentAction.DISPATCH, worker.userId(), "请尽快到现场处置"));
                case 4 -> List.of(step(IncidentAction.REJECT, null, "重复上报，已并入同一事件"));
                default -> List.of();
            };
            chain = chain.flatMap(v -> applySteps(dispatcher, id, steps, 0));
        }
        return chain;
    }

    /** Applies {@code steps} in turn, each with the version the previous one left; a refused step ends the rest. */
    private Uni<Void> applySteps(Actor dispatcher, long id, List<Map<String, Object>> steps, int version) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transitions.apply(dispatcher, id, transition(steps.get(0), version))
                .flatMap(incident -> applySteps(dispatcher, id, steps.subList(1, steps.size()), incident.version()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("demo incident %d not moved on: %s", id, e.getMessage());
                    return null;
                });
    }

    private static Map<String, Object> step(IncidentAction action, Long assigneeId, String comment) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("action", action.name());
        step.put("assigneeId", assigneeId);
        step.put("comment", comment);
        return step;
    }

    /** Built from JSON, as the API receives it, so fields added to the request later keep their defaults here. */
    private ReportRequest request(String[] report, double lng, double lat) {
        return json.convertValue(Map.of("categoryCode", report[0], "description", report[1],
                "location", Map.of("lng", lng, "lat", lat, "coordType", "wgs84")), ReportRequest.class);
    }

    private TransitionRequest transition(Map<String, Object> step, int version) {
        Map<String, Object> body = new LinkedHashMap<>(step);
        body.put("version", version);
        return json.convertValue(body, TransitionRequest.class);
    }
}
