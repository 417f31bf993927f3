package cn.gridgov.region;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
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
    @Operation(summary = "导入区域树（GeoJSON）：小文件 200 返回结果，大文件 202 返回待轮询的任务 (importRegions)")
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
    @Operation(summary = "区域节点详情（辖区内） (get)")
    @RolesAllowed(Role.STAFF)
    public Uni<Region> get(@PathParam("id") long id, @QueryParam("coordType") String coordType) {
        return regions.get(id, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Path("{id: \\d+}/children")
    @Operation(summary = "区域节点的下级节点（辖区内） (children)")
    @RolesAllowed(Role.STAFF)
    public Uni<List<Region>> children(@PathParam("id") long id, @QueryParam("coordType") String coordType) {
        return regions.children(id, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Path("{id: \\d+}/ancestors")
    @Operation(summary = "区域节点的上级链：从根到节点本身（辖区内） (ancestors)")
    @RolesAllowed(Role.STAFF)
    public Uni<List<Region>> ancestors(@PathParam("id") long id, @QueryParam("coordType") String coordType) {
        return regions.ancestors(id, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Operation(summary = "区域节点列表：按级别、上级、名称筛选，游标分页 (list)")
    @RolesAllowed(Role.STAFF)
    public Uni<CursorPage<Region>> list(@QueryParam("level") String level, @QueryParam("parentId") String parentId,
                                        @QueryParam("q") String q, @QueryParam("cursor") String cursor,
                                        @QueryParam("limit") String limit, @QueryParam("coordType") String coordType) {
        return regions.list(RegionLevel.parseParam(level), parseId("parentId", parentId), q, cursor,
                CursorPage.limit(limit), caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    @GET
    @Path("{id: \\d+}/geojson")
    @Produces({GEO_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "导出区域子树为 GeoJSON（可再导入） (geoJson)")
    @RolesAllowed(Role.STAFF)
    public Uni<ObjectNode> geoJson(@PathParam("id") long id, @QueryParam("depth") String depth,
                                   @QueryParam("coordType") String coordType) {
        int levels = depth == null || depth.isBlank() ? 1 : parseDepth(depth);
        return regions.exportGeoJson(id, levels, caller.scopePath(), CoordType.parse(coordType, CoordType.WGS84));
    }

    /** The mini program sends GCJ-02, hence the default. */
    @GET
    @Path("locate")
    @Operation(summary = "定位：坐标所在的区域链和最近的楼栋 (locate)")
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

    private static Long parseId(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("BAD_" + name.toUpperCase(), name + " 应为整数：" + value,
                    name + " must be an integer: " + value);
        }
    }
}
