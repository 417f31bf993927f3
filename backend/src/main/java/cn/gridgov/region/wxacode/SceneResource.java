package cn.gridgov.region.wxacode;

import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A scanned building or grid code's scene, resolved to its node: for anyone logged in (residents scan them). */
@Path("/api/v1/scenes")
@Produces(MediaType.APPLICATION_JSON)
public class SceneResource {

    private final WxacodeService codes;

    public SceneResource(WxacodeService codes) {
        this.codes = codes;
    }

    @GET
    @Path("{scene}")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "解析扫码得到的 scene：所在节点及其上级链 (resolveScene)",
            description = "小程序扫楼栋码、网格码打开后，页面 onLoad 的 options.scene（须先 decodeURIComponent）形如 r=k7m2x9qa；"
                    + "用它（路径中按 URL 编码，= 写作 %3D）查出节点（id、名称、层级）和从县到节点本身的链，诉求表单据此预先填好位置。"
                    + "任何已登录用户（居民和工作人员）都可以查询；未知或格式不对的 scene 答 404 SCENE_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "节点及其上级链",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SceneView.class),
                    examples = @ExampleObject(name = "building", value = """
                            {"scene":"r=k7m2x9qa","node":{"id":2051,"name":"幸福里3栋","level":"BUILDING"},\
                            "chain":[{"id":1,"name":"蜀山区","level":"COUNTY"},{"id":2,"name":"城关镇","level":"TOWN"},\
                            {"id":37,"name":"幸福里社区","level":"COMMUNITY"},{"id":205,"name":"幸福里小区","level":"COMPOUND"},\
                            {"id":2051,"name":"幸福里3栋","level":"BUILDING"}]}""")))
    @APIResponse(responseCode = "404", description = "未知的 scene",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "unknown", value = """
                    {"type":"https://gridgov.cn/problems/scene-not-found","title":"SCENE_NOT_FOUND","status":404,\
                    "code":"SCENE_NOT_FOUND","detail":"小程序码无效或已失效，请扫描楼栋或网格张贴的最新小程序码"}""")))
    public Uni<SceneView> resolve(
            @Parameter(description = "小程序码携带的 scene（URL 编码）", example = "r%3Dk7m2x9qa") @PathParam("scene") String scene) {
        return codes.resolve(scene);
    }
}
