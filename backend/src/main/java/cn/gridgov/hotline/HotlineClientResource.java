package cn.gridgov.hotline;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** County admins issue, list and revoke the credentials 12345 hotline platforms push work orders with. */
@Path("/api/v1/integrations/hotline/clients")
@RolesAllowed(Role.COUNTY_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "12345 工单对接", description = "12345 热线等外部系统推送工单、查询办理状态、接收状态回调")
public class HotlineClientResource {

    private static final String VIEW = """
            {"id":5,"name":"县12345热线平台","keyHint":"hl_Qm7xZ","regionId":1,"regionName":"青羊县",\
            "callbackUrl":"https://12345.example.gov.cn/gridgov/callback",\
            "createdAt":"2026-03-01T09:00:00+08:00","revokedAt":null}""";

    private final HotlineClientService clients;
    private final Caller caller;

    public HotlineClientResource(HotlineClientService clients, Caller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "签发 12345 对接密钥（县级管理员） (issueHotlineClient)",
            description = "为一个热线平台签发密钥，绑定辖区内的一个节点（通常是本县）：它推送的工单须位于该节点内。"
                    + "callbackUrl 为工单状态变更的回调地址（可不填，对方改为轮询）。密钥只在此答复中出现一次（服务器只保存其 SHA-256）。"
                    + "节点不在本人辖区内 404 REGION_NOT_FOUND；name 为空或过长 400 VALIDATION_FAILED；"
                    + "回调地址不是 http(s) 绝对地址 400 HOTLINE_BAD_CALLBACK_URL；回调地址不是 https，或指向本机、内网、链路本地地址"
                    + "（含 localhost 与十进制、十六进制写法的地址，运维登记的例外主机除外）400 HOTLINE_CALLBACK_URL_REFUSED，"
                    + "每次发送前还按解析出的 IP 再查一次，不合规的回调不发送。")
    @APIResponse(responseCode = "400", description = "回调地址不合规（HOTLINE_BAD_CALLBACK_URL、HOTLINE_CALLBACK_URL_REFUSED）等",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "callbackRefused",
                    value = """
                            {"type":"https://gridgov.cn/problems/hotline-callback-url-refused",\
                            "title":"HOTLINE_CALLBACK_URL_REFUSED","status":400,"code":"HOTLINE_CALLBACK_URL_REFUSED","detail":"callbackUrl 不被允许：回调地址不能指向本机、\
                            内网或链路本地地址（169.254.169.254）。回调只发往对方系统的公网 https 地址（如需内网网关，请由运维在 \
                            gridgov.hotline.callback-allowed-hosts 中登记）"}""")))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HotlineClients.Create.class),
            examples = @ExampleObject(name = "create", value = """
                    {"name":"县12345热线平台","regionId":1,"callbackUrl":"https://12345.example.gov.cn/gridgov/callback"}""")))
    @APIResponse(responseCode = "201", description = "已签发", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HotlineClients.Issued.class),
            examples = @ExampleObject(name = "issued", value = "{\"apiKey\":\"hl_Qm7xZ…\",\"client\":" + VIEW + "}")))
    public Uni<Response> issue(@Valid @NotNull HotlineClients.Create body) {
        return clients.issue(caller.actor(null), body).map(issued -> Response.status(201).entity(issued).build());
    }

    @GET
    @Operation(summary = "列出 12345 对接密钥（县级管理员） (hotlineClients)",
            description = "本人辖区内签发的对接系统，新的在前；不含密钥本身，只有前 8 个字符 keyHint。")
    @APIResponse(responseCode = "200", description = "对接系统列表", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HotlineClients.View.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "clients", value = "[" + VIEW + "]")))
    public Uni<List<HotlineClients.View>> list() {
        return clients.list(caller.actor(null));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "吊销 12345 对接密钥（县级管理员） (revokeHotlineClient)",
            description = "吊销后该密钥的请求一律 403 HOTLINE_API_KEY_INVALID（已排队的状态回调照常送出）；重复吊销仍答 204。"
                    + "不存在或不在本人辖区 404 HOTLINE_CLIENT_NOT_FOUND。")
    @APIResponse(responseCode = "204", description = "已吊销")
    public Uni<Response> revoke(@Parameter(description = "对接系统编号", example = "5") @PathParam("id") long id) {
        return clients.revoke(caller.actor(null), id).map(v -> Response.noContent().build());
    }
}
