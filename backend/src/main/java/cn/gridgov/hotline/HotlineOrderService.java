package cn.gridgov.hotline;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.department.CallService;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.ReportRequest;
import cn.gridgov.incident.ReportService;
import cn.gridgov.incident.supervision.Supervisor;
import cn.gridgov.notify.outbox.OutboxMessages;
import cn.gridgov.region.AddressMatch;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.LocateIndex;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Work orders pushed by hotline platforms become incidents of source HOTLINE through the one report pipeline,
 * placed by their coordinates or by their address matched against the region names of the platform's scope;
 * a re-push of an order number answers the same incident when its content is the same and 409 otherwise.
 */
@ApplicationScoped
public class HotlineOrderService {

    private static final Logger LOG = Logger.getLogger(HotlineOrderService.class);

    /** What a push answered: the order, and whether this push made it (201) or an earlier one did (200). */
    public record Pushed(HotlineOrderView order, boolean created) {
    }

    private final HotlineOrderRepository orders;
    private final ReportService reports;
    private final RegionRepository regions;
    private final LocateIndex locator;
    private final AddressMatch addresses;
    private final PersonalData personalData;
    private final Pool pool;
    private final Clock clock;
    private final CallService departmentCalls;
    private final UserRepository users;
    private final HotlineConfig config;
    private final CallbackPolicy callbacks;

    public HotlineOrderService(HotlineOrderRepository orders, ReportService reports, RegionRepository regions, LocateIndex locator,
                               AddressMatch addresses, PersonalData personalData, Pool pool, Clock clock,
                               CallService departmentCalls, UserRepository users, HotlineConfig config,
                               CallbackPolicy callbacks) {
        this.callbacks = callbacks;
        this.departmentCalls = departmentCalls;
        this.users = users;
        this.config = config;
        this.orders = orders;
        this.reports = reports;
        this.regions = regions;
        this.locator = locator;
        this.addresses = addresses;
        this.personalData = personalData;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Pushed> push(HotlineClient client, HotlineOrderRequest body, String address) {
        HotlineOrders.Order order = HotlineOrders.checked(body);
        callbacks.checked("callbackUrl", order.callbackUrl());
        byte[] phoneHash = order.callerPhone() == null ? null : personalData.searchHash(order.callerPhone());
        return orders.find(pool, client.id(), order.orderNo()).chain(stored -> stored != null
                ? again(client, stored, order, phoneHash)
                : create(client, order, phoneHash, address));
    }

    /** The order {@code orderNo} of this client; 404 when it pushed none of that number. */
    public Uni<HotlineOrderView> status(HotlineClient client, String orderNo) {
        return orders.status(pool, client.id(), orderNo).map(s -> {
            if (s == null) {
                throw notFound(orderNo);
            }
            return view(s);
        });
    }

    private Uni<Pushed> create(HotlineClient client, HotlineOrders.Order order, byte[] phoneHash, String address) {
        Actor actor = new Actor(client.userId(), Set.of(Role.RESIDENT), null, null, address);
        return place(client, order)
                .chain(location -> reports.report(actor, "hotline-order:" + order.orderNo(), new ReportRequest(
                        order.categoryCode(), description(order), location, List.of(), null, false), IncidentSource.HOTLINE))
                .onFailure(e -> e instanceof DomainException d && "IDEMPOTENCY_KEY_REUSED".equals(d.code()))
                .transform(e -> conflict(order.orderNo(), List.of()))
                .chain(reported -> orders.insert(pool, client.id(), order, reported.id(),
                        order.callerPhone() == null ? null : personalData.encrypt(order.callerPhone()), phoneHash,
                        PersonalData.maskPhone(order.callerPhone()), clock.instant())
                        .call(inserted -> inserted && config.routeToDepartment()
                                ? users.systemUserId(pool).chain(system -> departmentCalls.routeToLead(reported.id(),
                                        system, Supervisor.SYSTEM_ROLE))
                                        // the incident stays with the owning community, which can still whistle
                                        .onFailure().invoke(e -> LOG.warnf("order %s not routed to its department: %s",
                                                order.orderNo(), e.toString()))
                                        .onFailure().recoverWithNull()
                                : Uni.createFrom().nullItem()))
                .chain(inserted -> orders.find(pool, client.id(), order.orderNo())
                        .chain(stored -> inserted || stored == null ? answer(client, order.orderNo(), inserted)
                                : again(client, stored, order, phoneHash)));
    }

    /** A re-push: the same incident when nothing differs, else 409 naming the fields that do. */
    private Uni<Pushed> again(HotlineClient client, HotlineOrders.Stored stored, HotlineOrders.Order order,
                              byte[] phoneHash) {
        List<String> differences = HotlineOrders.differences(stored, order, phoneHash);
        if (!differences.isEmpty()) {
            return Uni.createFrom().failure(conflict(order.orderNo(), differences));
        }
        return answer(client, order.orderNo(), false);
    }

    private Uni<Pushed> answer(HotlineClient client, String orderNo, boolean created) {
        return status(client, orderNo).map(view -> new Pushed(view, created));
    }

    /**
     * Where to report the order: its coordinates when given (inside the client's scope), else a point inside the
     * node its address names, which must be a community or finer (a town alone does not say who owns it).
     */
    private Uni<ReportRequest.Location> place(HotlineClient client, HotlineOrders.Order order) {
        if (order.hasPosition()) {
            LngLat wgs84 = order.coordType().toWgs84(LngLat.checked(order.lng(), order.lat()));
            return locator.locate(wgs84).map(location -> {
                String path = location == null ? null : location.chain().stream()
                        .map(n -> Long.toString(n.id())).collect(Collectors.joining("."));
                if (path != null && !Actor.within(path, client.scopePath())) {
                    throw new NotAllowed("HOTLINE_OUT_OF_SCOPE", "工单位置不在此对接系统的辖区内",
                            "The order's position lies outside this client's area");
                }
                return new ReportRequest.Location(order.lng(), order.lat(), HotlineOrders.wire(order.coordType()));
            });
        }
        return addresses.match(order.addressText(), client.scopePath()).map(matched -> {
            if (matched == null) {
                throw new Unprocessable("HOTLINE_ADDRESS_UNMATCHED",
                        "地址中没有找到本辖区内的社区、小区或楼栋名称，无法确定承办社区：请提供坐标（lng、lat）或更完整的地址",
                        "No community, compound or building name of this client's area occurs in the address; "
                                + "give coordinates (lng, lat) or a fuller address");
            }
            if (matched.level().ordinal() < RegionLevel.COMMUNITY.ordinal()) {
                throw new Unprocessable("HOTLINE_ADDRESS_TOO_VAGUE",
                        "地址只能定位到「" + matched.name() + "」，不足以确定承办社区：请提供坐标（lng、lat）或写明社区、小区",
                        "The address only names " + matched.name() + ", which does not decide the owning community; "
                                + "give coordinates or name the community or compound");
            }
            return new ReportRequest.Location(matched.point().lng(), matched.point().lat(), "wgs84");
        });
    }

    private static String description(HotlineOrders.Order order) {
        return "【12345 工单 " + order.orderNo() + "】" + order.requestText()
                + (order.addressText() == null ? "" : "\n地址：" + order.addressText());
    }

    private static HotlineOrderView view(HotlineOrderRepository.Status s) {
        return new HotlineOrderView(s.orderNo(), s.incidentId(), s.status(), OutboxMessages.statusName(s.status()),
                s.categoryCode(), s.ownerRegionName(), ApiTime.of(s.receivedAt()), time(s.updatedAt()), time(s.dueAt()),
                time(s.deadline()), s.phoneMask(), s.lastComment());
    }

    private static java.time.OffsetDateTime time(Instant at) {
        return at == null ? null : ApiTime.of(at);
    }

    static NotFound notFound(String orderNo) {
        return new NotFound("HOTLINE_ORDER_NOT_FOUND", "没有这个工单号，或它不是本对接系统推送的：" + orderNo,
                "No such order number pushed by this client: " + orderNo);
    }

    private static DomainException conflict(String orderNo, List<String> differences) {
        String zh = differences.isEmpty() ? "" : "，不同之处：" + differences.stream().map(f -> f + "（" + HotlineOrders.label(f) + "）")
                .collect(Collectors.joining("、"));
        return new Conflict("HOTLINE_ORDER_CONFLICT",
                "工单号 " + orderNo + " 已推送过且内容不同" + zh + "。同一工单号重推须内容一致；更正内容请联系网格中心或使用新的工单号",
                "Order " + orderNo + " was pushed before with different content" + (differences.isEmpty() ? ""
                        : ": " + String.join(", ", differences)))
                .with("differences", differences, differences);
    }
}
