package cn.gridgov.open311;

import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.ApiKeys;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.text.AllowedText;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.ReportRequest;
import cn.gridgov.incident.ReportService;
import cn.gridgov.incident.Visibility;
import cn.gridgov.incident.category.CategoryService;
import cn.gridgov.incident.category.CategoryView;
import cn.gridgov.region.AddressMatch;
import cn.gridgov.region.LocateIndex;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Open311 GeoReport v2 on GridGov: categories are services, requests are incidents of source OPEN311 reported
 * through the one pipeline (locating, duplicates, deadlines, supervision), read back within the key's scope.
 */
@ApplicationScoped
public class Open311Service {

    public static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** When this implementation of the standard last changed (the discovery document's changeset). */
    public static final String CHANGESET = "2026-12-02T00:00:00+08:00";
    /** GET requests without ids: the last 90 days, at most 1000 requests (the standard's defaults). */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    static final int MAX_REQUESTS = 1000;
    private static final int MAX_IDS = 100;
    private static final int MAX_MEDIA_URL = 500;
    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_ADDRESS = 200;
    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final Open311ClientRepository clients;
    private final CategoryService categories;
    private final ReportService reports;
    private final RegionRepository regions;
    private final LocateIndex locator;
    private final AddressMatch addresses;
    private final Pool pool;
    private final Clock clock;

    public Open311Service(Open311ClientRepository clients, CategoryService categories, ReportService reports,
                          RegionRepository regions, LocateIndex locator, AddressMatch addresses, Pool pool, Clock clock) {
        this.clients = clients;
        this.categories = categories;
        this.reports = reports;
        this.regions = regions;
        this.locator = locator;
        this.addresses = addresses;
        this.pool = pool;
        this.clock = clock;
    }

    /** The discovery document; {@code url} is where this server answers the standard. */
    public Map<String, Object> discovery(String url) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPECIFICATION);
        endpoint.put("url", url);
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.put("formats", new Open311List("format", List.of("text/xml", "application/json")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("changeset", CHANGESET);
        doc.put("contact", "县网格化服务管理中心（GridGov）");
        doc.put("key_service", "API 密钥由县级管理员签发（POST /api/v1/open311/keys），每个密钥限定一个辖区");
        doc.put("endpoints", new Open311List("endpoint", List.of(endpoint)));
        return doc;
    }

    /** Every reportable category as a service. */
    public Uni<Open311List> services() {
        return categories.tree(false).map(groups -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (CategoryView group : groups) {
                for (CategoryView c : group.children() == null ? List.<CategoryView>of() : group.children()) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("service_code", c.code());
                    s.put("service_name", c.name());
                    s.put("description", group.name() + "：" + c.name() + "（" + handling(c) + "）");
                    s.put("metadata", true);
                    s.put("type", "realtime");
                    s.put("keywords", group.name() + "," + c.name());
                    s.put("group", group.name());
                    out.add(s);
                }
            }
            return new Open311List("service", out);
        });
    }

    /** A service's definition: the extra questions a request of it may answer (as {@code attribute[code]}). */
    public Uni<Map<String, Object>> definition(String code) {
        return categories.reportable(code).onFailure().transform(e -> serviceNotFound(code)).map(c -> {
            Map<String, Object> occurred = new LinkedHashMap<>();
            occurred.put("variable", true);
            occurred.put("code", Open311Attributes.OCCURRED_AT);
            occurred.put("datatype", "datetime");
            occurred.put("required", false);
            occurred.put("datatype_description", "ISO 8601 时间，带时区，如 2026-03-01T07:50:00+08:00");
            occurred.put("order", 1);
            occurred.put("description", "事情发生的时间（不填则为上报时间）");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("service_code", c.code);
            doc.put("attributes", new Open311List("attribute", List.of(occurred)));
            return doc;
        });
    }

    /** The client holding {@code apiKey}; 403 when it is missing, unknown or revoked. */
    public Uni<Open311Client> client(String apiKey) {
        return ApiKeys.resolve(apiKey, clients::active,
                () -> new NotAllowed("OPEN311_API_KEY_REQUIRED", "请提供 api_key（由县级管理员签发）", "An api_key is required"),
                () -> new NotAllowed("OPEN311_API_KEY_INVALID", "api_key 无效或已被吊销", "The api_key is invalid or revoked"));
    }

    /**
     * POST requests: a new incident of source OPEN311; answers the standard's list of one created request. The
     * position is lat/long (WGS-84) when given, else the node named by address_id, else the node address_string
     * names (see {@link AddressMatch}), all within the key's scope.
     */
    public Uni<Open311List> submit(Open311Client client, Open311Submission form, String address) {
        Double lat = form.coordinate("lat", -90, 90);
        Double lng = form.coordinate("long", -180, 180);
        String addressId = form.optional("address_id");
        String addressString = form.optional("address_string");
        if ((lat == null || lng == null) && addressId == null && addressString == null) {
            throw new Invalid("OPEN311_LOCATION_REQUIRED",
                    "请提供位置：lat 与 long（WGS-84），或 address_id（楼栋、小区等节点编号），或 address_string（含小区、楼栋名称的地址）",
                    "A location is required: lat and long (WGS-84), address_id or address_string");
        }
        String serviceCode = form.required("service_code");
        String description = withAddress(description(form), addressString);
        OffsetDateTime occurredAt = form.dateTime("attribute[" + Open311Attributes.OCCURRED_AT + "]");
        UUID token = UUID.randomUUID();
        Actor actor = new Actor(client.userId(), Set.of(Role.RESIDENT), null, null, address);
        Uni<LngLat> position = lat != null && lng != null ? Uni.createFrom().item(LngLat.checked(lng, lat))
                : addressId != null ? nodePosition(client, addressId) : addressPosition(client, addressString);
        return position.chain(at -> locator.locate(at).chain(location -> {
                    String path = location == null ? null : location.chain().stream()
                            .map(n -> Long.toString(n.id())).collect(Collectors.joining("."));
                    if (path != null && !Actor.within(path, client.scopePath())) {
                        throw new NotAllowed("OPEN311_OUT_OF_SCOPE", "该位置不在此 api_key 的辖区内",
                                "The location lies outside this api_key's area");
                    }
                    ReportRequest request = new ReportRequest(serviceCode, description,
                            new ReportRequest.Location(at.lng(), at.lat(), "wgs84"), List.of(), occurredAt, false);
                    return reports.report(actor, token.toString(), request, IncidentSource.OPEN311);
                }))
                .call(reported -> clients.recordSubmission(token, client.id(), reported.id(), clock.instant()))
                .map(reported -> {
                    Map<String, Object> created = new LinkedHashMap<>();
                    created.put("service_request_id", Long.toString(reported.id()));
                    created.put("token", token.toString());
                    created.put("service_notice", "已受理，将按时限处置");
                    created.put("account_id", null);
                    return new Open311List("request", List.of(created));
                });
    }

    /** GET tokens/{token}: the request a submission of this client made. */
    public Uni<Open311List> token(Open311Client client, String token) {
        UUID id;
        try {
            id = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw tokenNotFound(token);
        }
        return clients.submission(id, client.id()).map(incidentId -> {
            if (incidentId == null) {
                throw tokenNotFound(token);
            }
            Map<String, Object> found = new LinkedHashMap<>();
            found.put("service_request_id", Long.toString(incidentId));
            found.put("token", token);
            return new Open311List("request", List.of(found));
        });
    }

    /** GET requests: by ids, or by service, period and status, within the client's scope. */
    public Uni<Open311List> requests(Open311Client client, String ids, String serviceCode, String startDate,
                                     String endDate, String status) {
        List<Object> args = new ArrayList<>(List.of(client.userId(), client.scopePath()));
        StringBuilder where = new StringBuilder(" WHERE " + Visibility.sql(1));
        if (ids != null && !ids.isBlank()) {
            // the standard: with ids, the other filters are ignored
            List<Long> wanted = idList(ids);
            args.add(wanted.toArray(new Long[0]));
            where.append(" AND i.id = ANY($").append(args.size()).append(")");
        } else {
            Instant end = endDate == null || endDate.isBlank() ? clock.instant() : instant("end_date", endDate);
            Instant start = startDate == null || startDate.isBlank() ? end.minus(DEFAULT_WINDOW)
                    : instant("start_date", startDate);
            if (start.isAfter(end)) {
                throw new Invalid("OPEN311_BAD_PERIOD", "start_date 不能晚于 end_date", "start_date lies after end_date");
            }
            args.add(start.atOffset(ZoneOffset.UTC));
            where.append(" AND i.reported_at >= $").append(args.size());
            args.add(end.atOffset(ZoneOffset.UTC));
            where.append(" AND i.reported_at <= $").append(args.size());
            if (serviceCode != null && !serviceCode.isBlank()) {
                args.add(List.of(serviceCode.split(",")).stream().map(String::trim).toArray(String[]::new));
                where.append(" AND c.code = ANY($").append(args.size()).append(")");
            }
            if (status != null && !status.isBlank()) {
                Set<Open311Status> wanted = statuses(status);
                if (wanted.size() == 1) {
                    where.append(wanted.contains(Open311Status.OPEN) ? " AND " : " AND NOT ")
                            .append("i.status IN ").append(IncidentStatus.sql(Open311Status.OPEN_STATUSES));
                }
            }
        }
        return query(where + " ORDER BY i.reported_at DESC, i.id DESC LIMIT " + MAX_REQUESTS, args);
    }

    /** GET requests/{id}: one request in the client's scope, as a list of one (the standard's shape). */
    public Uni<Open311List> request(Open311Client client, String id) {
        long incidentId;
        try {
            incidentId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw requestNotFound(id);
        }
        return query(" WHERE i.id = $3 AND " + Visibility.sql(1), List.of(client.userId(), client.scopePath(), incidentId))
                .map(list -> {
                    if (list.items().isEmpty()) {
                        throw requestNotFound(id);
                    }
                    return list;
                });
    }

    private Uni<Open311List> query(String where, List<Object> args) {
        return pool.preparedQuery("""
                        SELECT i.id, i.status, i.description, c.code, c.name AS service_name, o.name AS agency,
                               i.reported_at, i.updated_at, i.deadline_at, ST_X(i.position) AS lng, ST_Y(i.position) AS lat,
                               i.building_id, concat_ws('', t.name, m.name, k.name, b.name) AS address,
                               (SELECT f.comment FROM incident_flow f WHERE f.incident_id = i.id AND f.comment IS NOT NULL
                                ORDER BY f.id DESC LIMIT 1) AS notes
                        FROM incident i
                        JOIN incident_category c ON c.id = i.category_id
                        JOIN region o ON o.id = i.owner_region_id
                        LEFT JOIN region t ON t.id = i.town_id
                        LEFT JOIN region m ON m.id = i.community_id
                        LEFT JOIN region k ON k.id = i.compound_id
                        LEFT JOIN region b ON b.id = i.building_id""" + where)
                .execute(Tuple.tuple(args)).map(rows -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    rows.forEach(r -> out.add(request(r)));
                    return new Open311List("request", out);
                });
    }

    private static Map<String, Object> request(Row r) {
        IncidentStatus status = IncidentStatus.valueOf(r.getString("status"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", Long.toString(r.getLong("id")));
        m.put("status", Open311Status.of(status).wire());
        m.put("status_notes", r.getString("notes"));
        m.put("service_name", r.getString("service_name"));
        m.put("service_code", r.getString("code"));
        m.put("description", r.getString("description"));
        m.put("agency_responsible", r.getString("agency"));
        m.put("service_notice", null);
        m.put("requested_datetime", w3c(r.getOffsetDateTime("reported_at")));
        m.put("updated_datetime", w3c(r.getOffsetDateTime("updated_at")));
        m.put("expected_datetime", w3c(r.getOffsetDateTime("deadline_at")));
        m.put("address", r.getString("address"));
        Long building = r.getLong("building_id");
        m.put("address_id", building == null ? null : Long.toString(building));
        m.put("zipcode", null);
        m.put("lat", r.getDouble("lat"));
        m.put("long", r.getDouble("lng"));
        m.put("media_url", null);
        return m;
    }

    private static String w3c(OffsetDateTime at) {
        return at == null ? null : ApiTime.of(at.toInstant()).truncatedTo(ChronoUnit.SECONDS).format(W3C);
    }

    private static String description(Open311Submission form) {
        String description = form.optional("description");
        if (description == null) {
            throw new Invalid("OPEN311_DESCRIPTION_REQUIRED", "请提供 description（问题描述）",
                    "A description is required");
        }
        String mediaUrl = form.optional("media_url");
        if (mediaUrl != null) {
            if (mediaUrl.length() > MAX_MEDIA_URL || !(mediaUrl.startsWith("https://") || mediaUrl.startsWith("http://"))) {
                throw new Invalid("OPEN311_BAD_MEDIA_URL", "media_url 应是不超过 500 字符的 http(s) 地址",
                        "media_url must be an http(s) address of at most 500 characters");
            }
            // kept as a link for the handlers: GridGov does not fetch other systems' files
            description = description + "\n附图链接：" + mediaUrl;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new Invalid("OPEN311_DESCRIPTION_TOO_LONG", "description 不能超过 2000 字",
                    "description must be at most 2000 characters");
        }
        if (!AllowedText.allowed(description)) {
            throw AllowedText.refused();
        }
        return description;
    }

    private static String handling(CategoryView c) {
        String level = switch (c.handlingLevel()) {
            case COMMUNITY -> "社区";
            case TOWN -> "乡镇";
            case COUNTY -> "县级";
        };
        String unit = switch (c.deadline().unit()) {
            case WORKING_HOURS -> "个工作小时";
            case WORKING_DAYS -> "个工作日";
        };
        return level + "处置，时限 " + c.deadline().amount() + " " + unit;
    }

    private static List<Long> idList(String ids) {
        String[] parts = ids.split(",");
        if (parts.length > MAX_IDS) {
            throw new Invalid("OPEN311_TOO_MANY_IDS", "service_request_id 一次最多 100 个", "At most 100 service_request_id");
        }
        List<Long> out = new ArrayList<>();
        for (String p : parts) {
            try {
                out.add(Long.parseLong(p.trim()));
            } catch (NumberFormatException e) {
                throw new Invalid("OPEN311_BAD_REQUEST_ID", "service_request_id 应是逗号分隔的数字：" + p.trim(),
                        "service_request_id must be comma-separated numbers: " + p.trim());
            }
        }
        return out;
    }

    private static Set<Open311Status> statuses(String status) {
        return List.of(status.split(",")).stream().map(String::trim).map(s -> {
            Open311Status parsed = Open311Status.parse(s);
            if (parsed == null) {
                throw new Invalid("OPEN311_BAD_STATUS", "status 只能是 open 或 closed：" + s,
                        "status must be open or closed: " + s);
            }
            return parsed;
        }).collect(Collectors.toSet());
    }

    static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid("OPEN311_BAD_DATE", name + " 应是带时区的 ISO 8601 时间，如 2026-03-01T00:00:00+08:00",
                    name + " must be an ISO 8601 time with offset, e.g. 2026-03-01T00:00:00+08:00");
        }
    }

    /** The position of the node address_id names, inside the key's scope. */
    private Uni<LngLat> nodePosition(Open311Client client, String addressId) {
        long id;
        try {
            id = Long.parseLong(addressId);
        } catch (NumberFormatException e) {
            throw new Invalid("OPEN311_BAD_ADDRESS_ID", "address_id 应是节点编号（数字）：" + addressId,
                    "address_id must be a node id (a number): " + addressId);
        }
        return regions.findById(id, client.scopePath()).map(node -> {
            if (node == null || node.position() == null) {
                throw addressNotFound("address_id " + addressId);
            }
            return node.position();
        });
    }

    /** The position of the one node address_string names, inside the key's scope. */
    private Uni<LngLat> addressPosition(Open311Client client, String addressString) {
        if (addressString.length() > MAX_ADDRESS) {
            throw new Invalid("OPEN311_ADDRESS_TOO_LONG", "address_string 不能超过 " + MAX_ADDRESS + " 字",
                    "address_string must be at most " + MAX_ADDRESS + " characters");
        }
        return addresses.match(addressString, client.scopePath()).map(matched -> {
            if (matched == null) {
                throw addressNotFound(addressString);
            }
            if (matched.ambiguous()) {
                String a = matched.alternatives().get(0);
                String b = matched.alternatives().get(1);
                throw new Invalid("OPEN311_ADDRESS_AMBIGUOUS", "地址可能指 " + a + " 或 " + b
                        + "，请写明所在小区或提供 lat 与 long", "The address may mean " + a + " or " + b);
            }
            return matched.point();
        });
    }

    private static Invalid addressNotFound(String what) {
        return new Invalid("OPEN311_ADDRESS_NOT_FOUND", "在此 api_key 的辖区内找不到该地址：" + what
                + "；请提供 lat 与 long（WGS-84）", "No such address in this api_key's area: " + what);
    }

    /** The caller's address text kept with the description, so staff see it, when it fits. */
    private static String withAddress(String description, String addressString) {
        if (addressString == null) {
            return description;
        }
        String with = description + "\n（地址：" + addressString + "）";
        return with.length() <= MAX_DESCRIPTION ? with : description;
    }

    private static NotFound serviceNotFound(String code) {
        return new NotFound("OPEN311_SERVICE_NOT_FOUND", "没有这个 service_code：" + code, "No such service_code: " + code);
    }

    private static NotFound tokenNotFound(String token) {
        return new NotFound("OPEN311_TOKEN_NOT_FOUND", "没有这个 token：" + token, "No such token: " + token);
    }

    private static NotFound requestNotFound(String id) {
        return new NotFound("OPEN311_REQUEST_NOT_FOUND", "没有这个 service_request_id，或不在此 api_key 的辖区内：" + id,
                "No such service_request_id in this api_key's area: " + id);
    }
}
