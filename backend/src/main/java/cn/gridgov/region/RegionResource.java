package cn.gridgov.region;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.web.QueryParams;
import cn.gridgov.region.importing.ImportSummary;
import cn.gridgov.region.importing.RegionImportService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The region tree over HTTP: import, read, export and locate. Staff read and import only within their scope
 * (the node their account is bound to); anyone logged in may locate a point.
 */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
public class RegionResource {

    private static final String GEO_JSON = "application/geo+json";

    private static final String COMMUNITY = """
            {"id":37,"code":"340104001001","name":"幸福里社区","level":"COMMUNITY","parentId":2,"path":"1.2.37",\
            "attributes":{"households":3150},"partyOrg":{"id":37,"kind":"COMMUNITY_COMMITTEE","name":"幸福里社区党委",\
            "secretary":"李红"},"version":1,"position":{"lng":117.2791,"lat":31.8627}}""";

    private static final String COMPOUND = """
            {"id":205,"code":"340104001001001","name":"幸福里小区","level":"COMPOUND","parentId":37,"path":"1.2.37.205",\
            "attributes":{"households":1260},"partyOrg":{"id":205,"kind":"COMPOUND_BRANCH","name":"幸福里小区党支部",\
            "secretary":"张伟"},"version":0,"position":{"lng":117.2826,"lat":31.8608}}""";

    private static final String FEATURES = """
            {"type":"FeatureCollection","features":[\
            {"type":"Feature","properties":{"code":"340104001001001","parentCode":"340104001001","name":"幸福里小区",\
            "level":"COMPOUND","attributes":{"households":1260},"partyOrg":{"name":"幸福里小区党支部","secretary":"张伟"}},\
            "geometry":{"type":"Polygon","coordinates":[[[117.2810,31.8600],[117.2842,31.8600],[117.2842,31.8616],\
            [117.2810,31.8616],[117.2810,31.8600]]]}},\
            {"type":"Feature","properties":{"code":"340104001001001003","parentCode":"340104001001001","name":"幸福里3栋",\
            "level":"BUILDING","attributes":{"floors":18},"partyOrg":{"name":"幸福里3栋党小组"}},\
            "geometry":{"type":"Point","coordinates":[117.2829,31.8611]}}]}""";

    private final RegionService regions;
    private final RegionImportService imports;
    private final Caller caller;

    public RegionResource(RegionService regions, RegionImportService imports, Caller caller) {
        this.regions = regions;
        this.imports = imports;
        this.caller = caller;
    }

    /** 200 with the summary for a small file; 202 with a job to poll ({@code Location}) for a large one. */
    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_JSON, GEO_JSON})
    @Operation(summary = "导入区域树（GeoJSON）：小文件 200 返回结果，大文件 202 返回待轮询的任务 (importRegions)",
            description = "乡镇和县级管理员导入本辖区内的节点（按 code 新建或更新，parentCode 指上级）；要素有问题时整个文件都不写入，"
                    + "答 422 IMPORT_REJECTED 并逐条列出（features），文件过大答 413 PAYLOAD_TOO_LARGE。要素较多时答 202，"
                    + "用 GET /api/v1/imports/{id} 轮询任务。")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, description = "GeoJSON FeatureCollection"),
                    examples = @ExampleObject(name = "compoundAndBuilding", value = FEATURES)),
            @Content(mediaType = GEO_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, description = "GeoJSON FeatureCollection"),
                    examples = @ExampleObject(name = "compoundAndBuilding", value = FEATURES))})
    @APIResponse(responseCode = "200", description = "小文件：已导入",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportSummary.class),
                    examples = @ExampleObject(name = "done", value = """
                            {"importId":"6d1f0c3a-2b4e-4f7a-9c8d-5e6f7a8b9c0d","state":"SUCCEEDED","phase":"DONE",\
                            "coordType":"WGS84","total":2,"loaded":2,"processed":2,"created":1,"updated":1}""")))
    @APIResponse(responseCode = "202", description = "大文件：已排队；Location 为待轮询的任务",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "job", value = """
                            {"importId":"6d1f0c3a-2b4e-4f7a-9c8d-5e6f7a8b9c0d","state":"PENDING"}""")))
    @RolesAllowed(Role.ANY_REGION_EDITOR)
    public Uni<Response> importRegions(byte[] body, @QueryParam("coordType") String coordType) {
        CoordType type = CoordType.parse(coordType, CoordType.WGS84);
        return imports.submit(body, type, caller.actor(null)).map(summary -> "SUCCEEDED".equals(summary.state())
                ? Response.ok(summary).build()
                : Response.accepted(new Accepted(summary)).location(URI.create("/api/v1/imports/" + summary.importId()))
                        .build());
    }

    @GET
    @Path("{id: \\d+}")
    @Operation(summary = "区域节点详情（辖区内） (get)",
            description = "工作人员查看自己辖区（账号绑定的节点及其下级）内的节点；辖区外与不存在的节点一样答 404 REGION_NOT_FOUND。"
                    + "position 按 coordType（默认 wgs84）给出。")
    @APIResponse(responseCode = "200", description = "区域节点",
            content = @Content(schema = @Schema(implementation = Region.class),
                    examples = @ExampleObject(name = "compound", value = COMPOUND)))
    @RolesAllowed(Role.STAFF)
    public Uni<Region> get(@PathParam("id") long id, @QueryParam("coordType") String coordType) {
        return regions.get(id, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Path("{id: \\d+}/children")
    @Operation(summary = "区域节点的下级节点（辖区内） (children)",
            description = "工作人员查看辖区内节点的直接下级；辖区外与不存在的节点一样答 404 REGION_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "直接下级节点",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Region.class),
                    examples = @ExampleObject(name = "children", value = "[" + COMPOUND + "]")))
    @RolesAllowed(Role.STAFF)
    public Uni<List<Region>> children(@PathParam("id") long id, @QueryParam("coordType") String coordType) {
        return regions.children(id, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Path("{id: \\d+}/ancestors")
    @Operation(summary = "区域节点的上级链：从根到节点本身（辖区内） (ancestors)",
            description = "工作人员查看辖区内节点的上级（用于面包屑）：只含辖区内可见的上级，上级在前，实际不含节点本身；"
                    + "辖区外与不存在的节点一样答 404 REGION_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "辖区内可见的上级节点，上级在前",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Region.class),
                    examples = @ExampleObject(name = "chainOfTheCompoundForItsCommunity", value = "[" + COMMUNITY + "]")))
    @RolesAllowed(Role.STAFF)
    public Uni<List<Region>> ancestors(@PathParam("id") long id, @QueryParam("coordType") String coordType) {
        return regions.ancestors(id, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Operation(summary = "区域节点列表：按级别、上级、名称筛选，游标分页 (list)",
            description = "工作人员列出辖区内的节点，可按 level、parentId 和名称（q）筛选。参数不对时 400 BAD_LEVEL、BAD_PARENTID、"
                    + "BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页节点；nextCursor 为空表示没有更多",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = Region.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + COMMUNITY + "," + COMPOUND
                            + "],\"nextCursor\":null}")))
    @RolesAllowed(Role.STAFF)
    public Uni<CursorPage<Region>> list(@QueryParam("level") String level, @QueryParam("parentId") String parentId,
                                        @QueryParam("q") String q, @QueryParam("cursor") String cursor,
                                        @QueryParam("limit") String limit, @QueryParam("coordType") String coordType) {
        return regions.list(RegionLevel.parseParam(level), QueryParams.optionalId("parentId", parentId), q, cursor,
                CursorPage.limit(limit), caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Path("{id: \\d+}/geojson")
    @Produces({GEO_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "导出区域子树为 GeoJSON（可再导入） (geoJson)",
            description = "工作人员导出辖区内的节点及其下 depth 级（0 到 4，默认 1）的节点，格式与导入相同；depth 不对时 400 BAD_DEPTH，"
                    + "辖区外与不存在的节点一样答 404 REGION_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "GeoJSON FeatureCollection",
            content = {@Content(mediaType = GEO_JSON, schema = @Schema(implementation = ObjectNode.class),
                    examples = @ExampleObject(name = "compound", value = FEATURES)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObjectNode.class),
                            examples = @ExampleObject(name = "compound", value = FEATURES))})
    @RolesAllowed(Role.STAFF)
    public Uni<ObjectNode> geoJson(@PathParam("id") long id, @QueryParam("depth") String depth,
                                   @QueryParam("coordType") String coordType) {
        int levels = depth == null || depth.isBlank() ? 1 : parseDepth(depth);
        return regions.exportGeoJson(id, levels, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    /** The mini program sends GCJ-02, hence the default. */
    @GET
    @Path("locate")
    @Operation(summary = "定位：坐标所在的区域链和最近的楼栋 (locate)",
            description = "任何登录用户可用（上报前确定位置）；坐标默认为 gcj02（wx.getLocation 的结果）。经纬度缺失或不是数字时 400 "
                    + "BAD_COORDINATES，不在本县范围内时 404 OUTSIDE_COVERAGE。")
    @APIResponse(responseCode = "200", description = "区域链（县到最低一级）和最近的楼栋",
            content = @Content(schema = @Schema(implementation = Location.class),
                    examples = @ExampleObject(name = "location", value = """
                            {"chain":[{"id":1,"code":"340104","name":"示范县","level":"COUNTY"},\
                            {"id":2,"code":"340104001","name":"城关镇","level":"TOWN"},\
                            {"id":37,"code":"340104001001","name":"幸福里社区","level":"COMMUNITY"},\
                            {"id":205,"code":"340104001001001","name":"幸福里小区","level":"COMPOUND"}],\
                            "building":{"id":412,"code":"340104001001001003","name":"幸福里3栋","distanceMetres":12.4}}""")))
    @Authenticated
    public Uni<Location> locate(@QueryParam("lng") String lng, @QueryParam("lat") String lat,
                                @QueryParam("coordType") String coordType) {
        LngLat point = LngLat.checked(coordinate(lng), coordinate(lat));
        return regions.locate(point, CoordType.parse(coordType, CoordType.GCJ02));
    }

    /** The answer to a large import: the job to poll. */
    public record Accepted(UUID importId, String state) {
        Accepted(ImportSummary summary) {
            this(summary.importId(), summary.state());
        }
    }

    private static Double coordinate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("BAD_COORDINATES", "经纬度应为数字：" + value,
                    "Coordinates must be numbers: " + value);
        }
    }

    private static int parseDepth(String depth) {
        try {
            return Integer.parseInt(depth.trim());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("BAD_DEPTH", "depth 应为 0 到 " + RegionService.MAX_EXPORT_DEPTH
                    + " 之间的整数", "depth must be an integer from 0 to " + RegionService.MAX_EXPORT_DEPTH);
        }
    }
}
