package cn.gridgov.stats.tile;

import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Map tiles for the console and the mini program's map: Mapbox Vector Tiles of the caller's scope, cached by the
 * client for a minute and revalidated by ETag.
 */
@Path("/api/v1/tiles")
public class TileResource {

    /** Short, private caching: tiles follow the incidents, and differ per caller's scope. */
    static final String CACHE_CONTROL = "private, max-age=60";

    private static final String DECODED_EXAMPLE = """
            {"layer":"incidents","type":"Point","properties":{"id":1042,"count":1,"status":"DISPATCHED",\
            "categoryId":3,"categoryName":"道路破损","source":"GRID_REPORT","open":true,"warned":true,\
            "overdue":false,"reportedAt":1764556800}}""";

    private final TileService tiles;
    private final Caller caller;

    public TileResource(TileService tiles, Caller caller) {
        this.tiles = tiles;
        this.caller = caller;
    }

    @GET
    @Path("{layer}/{z}/{x}/{y}.mvt")
    @Produces(MapTile.MEDIA_TYPE)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "地图矢量瓦片（Mapbox Vector Tile，辖区内） (tile)",
            description = "PostGIS 生成的 MVT 瓦片，Web Mercator（EPSG:3857）XYZ 编号，坐标为 WGS-84，只含调用者辖区内的数据。"
                    + "图层 regions：区域边界，按缩放级别给不同层级（z<9 县、乡镇；9–11 乡镇、社区；12–13 社区、小区；≥14 小区、楼栋；"
                    + "属性 id、code、name、level、parentId）。图层 incidents：调用者看得到的事件，z≥14 逐个给点（属性 id、status、"
                    + "categoryId、categoryName、source、open、warned（黄牌）、overdue（红牌）、reportedAt 秒），z<14 按网格聚合"
                    + "（属性 count、open、warned、overdue，只有一个事件时带 id）。图层 density：每块瓦片 16×16 个方格的事件数。"
                    + "state=open（默认）只含未办结事件，state=all 含全部。没有数据的瓦片答 200、0 字节。带 ETag，"
                    + "Cache-Control: private, max-age=60；If-None-Match 命中答 304。"
                    + "错误：图层不存在 404 TILE_LAYER_NOT_FOUND；z、x、y 不是整数或超出范围 400 BAD_TILE；state 不对 400 BAD_TILE_STATE。")
    @APIResponse(responseCode = "200", description = "瓦片（可能为 0 字节）",
            headers = {@Header(name = "ETag", description = "瓦片内容的强 ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "private, max-age=60",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MapTile.MEDIA_TYPE,
                    schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "decodedIncidentPoint",
                            summary = "二进制 MVT；这里给出 incidents 图层一个点要素解码后的属性",
                            value = DECODED_EXAMPLE)))
    @APIResponse(responseCode = "304", description = "If-None-Match 与当前瓦片相同，无需重新下载")
    public Uni<Response> tile(
            @Parameter(description = "图层：regions、incidents 或 density", example = "incidents") @PathParam("layer") String layer,
            @Parameter(description = "缩放级别 0–22", example = "14") @PathParam("z") String z,
            @Parameter(description = "列号 0..2^z-1", example = "13358") @PathParam("x") String x,
            @Parameter(description = "行号 0..2^z-1（自北向南）", example = "6612") @PathParam("y") String y,
            @Parameter(description = "open（默认，未办结）或 all", example = "open") @QueryParam("state") String state,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        TileLayer tileLayer = TileLayer.parse(layer);
        TileAddress at = new TileAddress(number("z", z), number("x", x), number("y", y));
        return tiles.tile(tileLayer, at, state, caller.actor(null)).map(tile -> {
            Response.ResponseBuilder answer = tile.matches(ifNoneMatch)
                    ? Response.notModified()
                    : Response.ok(tile.bytes(), MapTile.MEDIA_TYPE);
            return answer.header(HttpHeaders.ETAG, tile.etag())
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                    .build();
        });
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Invalid("BAD_TILE", "瓦片坐标 " + name + " 应是整数：" + value,
                    "Tile coordinate " + name + " must be an integer: " + value);
        }
    }
}
