package cn.gridgov.region.wxacode;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

import java.nio.charset.StandardCharsets;

/**
 * Building and grid codes over HTTP: a node's mini-program code (PNG) and a compound's codes as one ZIP, for
 * staff bound to the node or above it (grid and building staff, community, town and county admins).
 */
@Path("/api/v1/regions/{id: \\d+}")
public class WxacodeResource {

    /** The header naming the scene the code carries. */
    public static final String SCENE_HEADER = "X-Wxacode-Scene";

    private static final String PROBLEM = "application/problem+json";
    private static final String NOT_FOUND = """
            {"type":"https://gridgov.cn/problems/region-not-found","title":"REGION_NOT_FOUND","status":404,\
            "code":"REGION_NOT_FOUND","detail":"区域不存在或无权访问：13"}""";
    private static final String WECHAT_FAILED = """
            {"type":"https://gridgov.cn/problems/wechat-page-invalid","title":"WECHAT_PAGE_INVALID","status":502,\
            "code":"WECHAT_PAGE_INVALID","detail":"小程序码的页面或参数有误（页面可能尚未发布），请联系管理员"}""";
    private static final String WECHAT_BUSY = """
            {"type":"https://gridgov.cn/problems/wechat-unavailable","title":"WECHAT_UNAVAILABLE","status":503,\
            "code":"WECHAT_UNAVAILABLE","detail":"微信服务暂时不可用，请稍后重试"}""";

    private final WxacodeService codes;
    private final Caller caller;

    public WxacodeResource(WxacodeService codes, Caller caller) {
        this.codes = codes;
        this.caller = caller;
    }

    @GET
    @Path("wxacode")
    @Produces("image/png")
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.TOWN_ADMIN,
            Role.COUNTY_ADMIN})
    @Operation(summary = "区域节点的小程序码（楼栋码、网格码，PNG） (regionWxacode)",
            description = "返回一张小程序码（微信 getwxacodeunlimit）：居民扫码后打开诉求表单页（配置项 gridgov.wxacode.page），"
                    + "页面的 onLoad 参数 scene 为 r=<节点短码>（不超过 32 个字符，见 X-Wxacode-Scene 响应头），"
                    + "再用 GET /api/v1/scenes/{scene} 查出所在节点。每个节点只生成一次，保存在对象存储中，以后直接返回保存的图片。"
                    + "开发模式（gridgov.wechat.mode=dev）下返回携带同样页面和 scene 的普通二维码。"
                    + "只有绑定在该节点或其上级的工作人员可以获取；辖区外与不存在的节点一样答 404 REGION_NOT_FOUND；居民与部门人员 403。"
                    + "微信拒绝时：页面未发布或参数有误 502 WECHAT_PAGE_INVALID，配置有误 502 WECHAT_MISCONFIGURED，其他错误 502 WECHAT_ERROR，"
                    + "微信繁忙、超时或生成过于频繁 503 WECHAT_UNAVAILABLE（带 Retry-After）；对象存储不可用 503 STORAGE_UNAVAILABLE。")
    @APIResponse(responseCode = "200", description = "PNG 图片",
            headers = @Header(name = SCENE_HEADER, description = "小程序码携带的 scene",
                    schema = @Schema(type = SchemaType.STRING, example = "r=k7m2x9qa")),
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "png", summary = "二进制 PNG（此处只示意文件头）",
                            value = "\\x89PNG\\r\\n\\x1a\\n...")))
    @APIResponse(responseCode = "403", description = "居民与部门人员不能获取")
    @APIResponse(responseCode = "404", description = "节点不存在或不在辖区内",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "outsideScope", value = NOT_FOUND)))
    @APIResponse(responseCode = "502", description = "微信拒绝生成",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "pageInvalid", value = WECHAT_FAILED)))
    @APIResponse(responseCode = "503", description = "微信或对象存储暂时不可用",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "busy", value = WECHAT_BUSY)))
    public Uni<Response> wxacode(@Parameter(description = "区域节点 id", example = "2051") @PathParam("id") long id) {
        return codes.code(id, caller.scopePath()).map(code -> Response.ok(code.png(), "image/png")
                .header(SCENE_HEADER, code.scene())
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                .build());
    }

    @GET
    @Path("wxacodes.zip")
    @Produces("application/zip")
    @Blocking
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.TOWN_ADMIN,
            Role.COUNTY_ADMIN})
    @Operation(summary = "小区内全部楼栋的小程序码（ZIP） (regionWxacodesZip)",
            description = "一个 ZIP，小区（COMPOUND）下每个楼栋一张小程序码 PNG，文件名为楼栋名称（如“3号楼.png”，同名的加序号）。"
                    + "缺少的码先逐个生成（与 GET /api/v1/regions/{id}/wxacode 相同），全部就绪后再流式传输；文件名在 Content-Disposition 的 "
                    + "filename*（RFC 5987，UTF-8）中，X-Wxacode-Count 给出楼栋数。节点不是小区 400 WXACODE_NOT_COMPOUND；"
                    + "楼栋超过上限（gridgov.wxacode.zip-max-buildings，默认 500）422 WXACODE_TOO_MANY；辖区外 404 REGION_NOT_FOUND；"
                    + "居民与部门人员 403；微信与存储的错误同单个小程序码（502、503）。")
    @APIResponse(responseCode = "200", description = "ZIP 文件，流式传输",
            headers = {@Header(name = "Content-Disposition", description = "attachment，filename* 为中文文件名",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Wxacode-Count", description = "ZIP 中的楼栋码张数",
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "entries", summary = "二进制 ZIP；这里列出其中的文件名",
                            value = "[\"1号楼.png\",\"2号楼.png\",\"3号楼.png\"]")))
    @APIResponse(responseCode = "400", description = "节点不是小区",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "notCompound", value = """
                    {"type":"https://gridgov.cn/problems/wxacode-not-compound","title":"WXACODE_NOT_COMPOUND","status":400,\
                    "code":"WXACODE_NOT_COMPOUND","detail":"只能为小区（网格）批量下载楼栋码"}""")))
    @APIResponse(responseCode = "403", description = "居民与部门人员不能获取")
    @APIResponse(responseCode = "404", description = "节点不存在或不在辖区内",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "outsideScope", value = NOT_FOUND)))
    @APIResponse(responseCode = "502", description = "微信拒绝生成",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "pageInvalid", value = WECHAT_FAILED)))
    @APIResponse(responseCode = "503", description = "微信或对象存储暂时不可用",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "busy", value = WECHAT_BUSY)))
    public Response zip(@Parameter(description = "小区节点 id", example = "205") @PathParam("id") long id) {
        WxacodeService.Zip zip = codes.compoundZip(id, caller.scopePath());
        return Response.ok(zip.body(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"wxacodes-" + id + ".zip\"; filename*=UTF-8''"
                        + encoded(zip.fileName()))
                .header("X-Wxacode-Count", zip.entries())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** RFC 5987 {@code value-chars}: letters, digits and attr-chars as they are, every other byte as %XX. */
    static String encoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
