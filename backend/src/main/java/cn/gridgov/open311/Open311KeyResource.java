package cn.gridgov.open311;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** County admins issue, list and revoke the API keys other systems use at /open311/v2. */
@Path("/api/v1/open311/keys")
@RolesAllowed(Role.COUNTY_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class Open311KeyResource {

    private static final String VIEW = """
            {"id":3,"name":"市12345热线平台","keyHint":"o311_Zx9","regionId":12,"regionName":"青羊镇",\
            "createdAt":"2026-03-01T09:00:00+08:00","revokedAt":null}""";

    private final Open311KeyService keys;
    private final Caller caller;

    public Open311KeyResource(Open311KeyService keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "签发 Open311 API 密钥（县级管理员） (issueOpen311Key)",
            description = "为一个外部系统签发密钥，绑定辖区内的一个节点：它提交的诉求须位于该节点内，也只能查询该节点内的诉求。"
                    + "密钥只在此答复中出现一次（服务器只保存其 SHA-256）。节点不在本人辖区内 404 REGION_NOT_FOUND；"
                    + "name 为空或过长 400 VALIDATION_FAILED。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Open311Keys.Create.class),
            examples = @ExampleObject(name = "create", value = "{\"name\":\"市12345热线平台\",\"regionId\":12}")))
    @APIResponse(responseCode = "201", description = "已签发", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Open311Keys.Issued.class),
            examples = @ExampleObject(name = "issued", value = "{\"apiKey\":\"o311_Zx9fQ2…\",\"key\":" + VIEW + "}")))
    public Uni<Response> issue(@Valid @NotNull Open311Keys.Create body) {
        return keys.issue(caller.actor(null), body).map(issued -> Response.status(201).entity(issued).build());
    }

    @GET
    @Operation(summary = "列出 Open311 API 密钥（县级管理员） (open311Keys)",
            description = "本人辖区内签发的密钥，新的在前；不含密钥本身，只有前 8 个字符 keyHint。")
    @APIResponse(responseCode = "200", description = "密钥列表", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Open311Keys.View.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
            examples = @ExampleObject(name = "keys", value = "[" + VIEW + "]")))
    public Uni<List<Open311Keys.View>> list() {
        return keys.list(caller.actor(null));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "吊销 Open311 API 密钥（县级管理员） (revokeOpen311Key)",
            description = "吊销后该密钥的请求一律 403 OPEN311_API_KEY_INVALID；重复吊销仍答 204。不存在或不在本人辖区 404 OPEN311KEY_NOT_FOUND。")
    @APIResponse(responseCode = "204", description = "已吊销")
    public Uni<Response> revoke(@Parameter(description = "密钥编号", example = "3") @PathParam("id") long id) {
        return keys.revoke(caller.actor(null), id).map(v -> Response.noContent().build());
    }
}
