package cn.gridgov.things.facility;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.incident.IncidentView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.List;

/** Facilities (部件) over HTTP: staff manage those in their scope; anyone reporting asks for those nearby. */
@Path("/api/v1/facilities")
@Produces(MediaType.APPLICATION_JSON)
public class FacilityResource {

    private static final String GEO_JSON = "application/geo+json";
    private static final String CSV = "text/csv";

    static final String VIEW = """
            {"id":88,"code":"JG-0001","name":"幸福里东门井盖","categoryCode":"0101","categoryName":"井盖破损或缺失",\
            "state":"NORMAL","location":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02"},\
            "region":{"id":412,"name":"幸福里3栋","level":"BUILDING"},\
            "department":{"id":3,"code":"CGJ","name":"县城管局"},"note":"铸铁井盖，直径 70 cm","version":0,\
            "createdAt":"2026-03-01T09:00:00+08:00","updatedAt":"2026-03-01T09:00:00+08:00"}""";

    private static final String REQUEST = """
            {"code":"JG-0001","name":"幸福里东门井盖","categoryCode":"0101",\
            "location":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02"},"departmentCode":"CGJ",\
            "state":"NORMAL","note":"铸铁井盖，直径 70 cm"}""";

    private static final String GEOJSON_FILE = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"JG-0001",\
            "name":"幸福里东门井盖","categoryCode":"0101","state":"NORMAL","departmentCode":"CGJ"},\
            "geometry":{"type":"Point","coordinates":[117.2784,31.8630]}}]}""";

    private static final String CSV_FILE = """
            编码,名称,类型,经度,纬度,状态,权属部门,备注
            JG-0001,幸福里东门井盖,0101,117.2784,31.8630,正常,CGJ,铸铁井盖
            LD-0002,幸福里3栋路灯,0102,117.2787,31.8632,损坏,,
            """;

    private final FacilityService facilities;
    private final FacilityImports imports;
    private final Caller caller;

    public FacilityResource(FacilityService facilities, FacilityImports imports, Caller caller) {
        this.facilities = facilities;
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "新建部件（辖区内工作人员） (createFacility)",
            description = "类型为事件分类编码；位置默认 gcj02，定位到所在楼栋（30 米内）或最低一级区域。字段有误 400 VALIDATION_FAILED "
                    + "（errors 逐项列出）；位置不在本县 400 OUTSIDE_COVERAGE，不在本人辖区 400 FACILITY_OUT_OF_SCOPE；"
                    + "编码已被使用 409 FACILITY_CODE_TAKEN。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FacilityRequest.class),
            examples = @ExampleObject(name = "manhole", value = REQUEST)))
    @APIResponse(responseCode = "201", description = "已新建；Location 为该部件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class),
                    examples = @ExampleObject(name = "facility", value = VIEW)))
    public Uni<Response> create(@NotNull FacilityRequest body, @RestQuery String coordType) {
        CoordType out = CoordType.parse(coordType, CoordType.GCJ02);
        return facilities.create(caller.actor(null), body, out).map(view ->
                Response.created(URI.create("/api/v1/facilities/" + view.id())).entity(view).build());
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "辖区内的部件，最新在前，游标分页 (facilities)",
            description = "可按区域（regionId，须在辖区内，否则 404 REGION_NOT_FOUND）、状态和类型筛选。参数不对时 400 "
                    + "BAD_FACILITY_STATE、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页部件；nextCursor 为空表示没有更多",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = FacilityView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + VIEW + "],\"nextCursor\":null}")))
    public Uni<CursorPage<FacilityView>> list(@RestQuery Long regionId, @RestQuery String state,
                                              @RestQuery String categoryCode, @RestQuery String cursor,
                                              @RestQuery String limit, @RestQuery String coordType) {
        FacilityState s = state == null || state.isBlank() ? null : FacilityState.parse(state).orElseThrow(() ->
                DomainException.badRequest("BAD_FACILITY_STATE", "状态无效：" + state, "Unknown facility state: " + state));
        return facilities.list(caller.actor(null), regionId, s, blankToNull(categoryCode), cursor, limit,
                CoordType.parse(coordType, CoordType.GCJ02));
    }

    @GET
    @Path("nearby")
    @Authenticated
    @Operation(summary = "附近的部件（20 米内，上报时推荐） (nearbyFacilities)",
            description = "任何登录用户可用；坐标默认 gcj02（wx.getLocation 的结果）。返回 20 米内未拆除的部件，最近的在前；"
                    + "工作人员只看到辖区内的。经纬度缺失或不是数字 400 BAD_COORDINATES。")
    @APIResponse(responseCode = "200", description = "附近的部件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = FacilityView.Nearby.class),
                    examples = @ExampleObject(name = "nearby", value = """
                            [{"id":88,"code":"JG-0001","name":"幸福里东门井盖","categoryCode":"0101",\
                            "categoryName":"井盖破损或缺失","state":"NORMAL",\
                            "location":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02"},"distanceMetres":6.4}]""")))
    public Uni<List<FacilityView.Nearby>> nearby(@Parameter(description = "经度", example = "117.283041") @RestQuery String lon,
                                                 @Parameter(description = "纬度", example = "31.861184") @RestQuery String lat,
                                                 @RestQuery String coordType) {
        CoordType type = CoordType.parse(coordType, CoordType.GCJ02);
        LngLat wgs84 = type.toWgs84(LngLat.checked(number(lon), number(lat)));
        return facilities.nearby(caller.actor(null), wgs84, type);
    }

    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_JSON, GEO_JSON, CSV})
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "批量导入部件（GeoJSON 或 CSV，全部成功或全部不写入） (importFacilities)",
            description = "GeoJSON：FeatureCollection，每个要素为点，属性 code、name、categoryCode、state、departmentCode、note。"
                    + "CSV（UTF-8，Content-Type: text/csv）：表头 编码,名称,类型,经度,纬度,状态,权属部门,备注（也可用英文列名），"
                    + "名称、类型、经度、纬度必填。坐标系由 coordType 指定（默认 wgs84）。任一行有问题时整个文件都不写入，答 422 "
                    + "FACILITY_IMPORT_REJECTED，rows 逐行列出行号（CSV 为文件行号，表头为第 1 行；GeoJSON 为要素序号，从 1 起）"
                    + "和原因；文件无法读取 400 BAD_FACILITY_FILE；一次最多 5000 行，请求体最多 256 KB。")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, description = "GeoJSON FeatureCollection"),
                    examples = @ExampleObject(name = "geojson", value = GEOJSON_FILE)),
            @Content(mediaType = GEO_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, description = "GeoJSON FeatureCollection"),
                    examples = @ExampleObject(name = "geojson", value = GEOJSON_FILE)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "CSV"),
                    examples = @ExampleObject(name = "csv", value = CSV_FILE))})
    @APIResponse(responseCode = "200", description = "已全部导入",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FacilityImports.Imported.class),
                    examples = @ExampleObject(name = "imported", value = "{\"imported\":2}")))
    @APIResponse(responseCode = "422", description = "有问题的行（未写入任何数据）",
            content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(name = "rejected", value = """
                            {"type":"about:blank","title":"Unprocessable Content","status":422,\
                            "code":"FACILITY_IMPORT_REJECTED","detail":"导入被拒绝，未写入任何数据：1 行有问题",\
                            "rows":[{"row":3,"code":"LD-0002","field":"categoryCode",\
                            "reason":"第 3 行：类型不存在或已停用（应为事件分类编码，如 0101）：9999"}]}""")))
    public Uni<FacilityImports.Imported> importFacilities(byte[] body, @RestQuery String coordType,
                                                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean csv = contentType != null && contentType.toLowerCase().startsWith(CSV);
        return imports.importFile(caller.actor(null), body == null ? new byte[0] : body, csv, coordType);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "部件详情（辖区内） (facility)",
            description = "辖区外与不存在的部件一样答 404 FACILITY_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "部件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class),
                    examples = @ExampleObject(name = "facility", value = VIEW)))
    public Uni<FacilityView> get(@Parameter(description = "部件编号", example = "88") @RestPath long id,
                                 @RestQuery String coordType) {
        return facilities.get(caller.actor(null), id, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "修改部件（含状态：正常、损坏、维修中、已拆除） (updateFacility)",
            description = "整体替换各字段，须带读取时的 version；已被他人修改 409 STALE_VERSION，辖区外或不存在 404 "
                    + "FACILITY_NOT_FOUND，字段有误 400 VALIDATION_FAILED，移出辖区 400 FACILITY_OUT_OF_SCOPE。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FacilityRequest.class),
            examples = @ExampleObject(name = "damaged", value = """
                    {"code":"JG-0001","name":"幸福里东门井盖","categoryCode":"0101",\
                    "location":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02"},"departmentCode":"CGJ",\
                    "state":"DAMAGED","note":"井盖破裂","version":0}""")))
    @APIResponse(responseCode = "200", description = "修改后的部件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class),
                    examples = @ExampleObject(name = "facility", value = VIEW)))
    public Uni<FacilityView> update(@Parameter(description = "部件编号", example = "88") @RestPath long id,
                                    @NotNull FacilityRequest body, @RestQuery String coordType) {
        return facilities.update(caller.actor(null), id, body, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @GET
    @Path("{id}/incidents")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "部件的事件历史，最新在前，游标分页 (facilityIncidents)",
            description = "上报时指明了该部件（facilityId）的事件中本人能看到的。部件在辖区外或不存在 404 FACILITY_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "一页事件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = IncidentView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = """
                            {"items":[{"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","source":"PATROL",\
                            "status":"REPORTED","description":"东门井盖破裂"}],"nextCursor":null}""")))
    public Uni<CursorPage<IncidentView>> incidents(@Parameter(description = "部件编号", example = "88") @RestPath long id,
                                                   @RestQuery String cursor, @RestQuery String limit,
                                                   @RestQuery String coordType) {
        return facilities.incidents(caller.actor(null), id, cursor, limit, CoordType.parse(coordType, CoordType.GCJ02));
    }

    private static Double number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("BAD_COORDINATES", "经纬度应为数字：" + value, "lng and lat must be numbers: " + value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
