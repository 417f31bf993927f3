package cn.gridgov.hotline;

import cn.gridgov.identity.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The 12345 hotline platforms' side: push a work order, read how it stands. Authenticated by the X-Api-Key a county
 * admin issued (not a user's token); each platform sees only the orders it pushed.
 */
@Path("/api/v1/integrations/hotline/orders")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "12345 工单对接", description = "12345 热线等外部系统推送工单、查询办理状态、接收状态回调")
public class HotlineOrderResource {

    static final String API_KEY = "X-Api-Key";

    private static final String PUSH = """
            {"orderNo":"GD202603010012","requestText":"春晖嘉园东门人行道井盖缺失，夜间行人容易踩空",\
            "addressText":"青羊镇城关社区春晖嘉园","lng":113.4312,"lat":36.2003,"coordType":"wgs84","categoryCode":"0101",\
            "deadline":"2026-03-03T18:00:00+08:00","callerPhone":"13812341234"}""";
    private static final String VIEW = """
            {"orderNo":"GD202603010012","incidentId":1042,"status":"ACCEPTED","statusName":"已受理","categoryCode":"0101",\
            "ownerRegionName":"城关社区","receivedAt":"2026-03-01T08:00:00+08:00","updatedAt":"2026-03-01T08:30:00+08:00",\
            "dueAt":"2026-03-01T12:00:00+08:00","deadline":"2026-03-03T18:00:00+08:00","callerPhone":"138****1234",\
            "lastComment":null}""";
    private static final String CONFLICT = """
            {"type":"about:blank","title":"Conflict","status":409,"code":"HOTLINE_ORDER_CONFLICT",\
            "detail":"工单号 GD202603010012 已推送过且内容不同，不同之处：requestText（诉求内容）。同一工单号重推须内容一致；更正内容请联系网格中心或使用新的工单号",\
            "differences":["requestText"]}""";
    private static final String NOT_FOUND = """
            {"type":"about:blank","title":"Not Found","status":404,"code":"HOTLINE_ORDER_NOT_FOUND",\
            "detail":"没有这个工单号，或它不是本对接系统推送的：GD202603010099"}""";

    private final HotlineClientService clients;
    private final HotlineOrderService orders;
    private final ClientAddress clientAddress;

    public HotlineOrderResource(HotlineClientService clients, HotlineOrderService orders, ClientAddress clientAddress) {
        this.clients = clients;
        this.orders = orders;
        this.clientAddress = clientAddress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "推送 12345 工单 (pushHotlineOrder)",
            description = "热线平台以 X-Api-Key 请求头推送一张工单，成为来源为 HOTLINE 的事件，走统一的上报流程（定位、承办社区、时限、督办）。"
                    + "有坐标按坐标定位（须在密钥辖区内，否则 403 HOTLINE_OUT_OF_SCOPE）；没有坐标按地址中的区域名称匹配，"
                    + "须能确定到社区或更细，否则 422 HOTLINE_ADDRESS_UNMATCHED / HOTLINE_ADDRESS_TOO_VAGUE。"
                    + "按工单号幂等：同一工单号、内容相同的重推答 200 与同一事件；内容不同 409 HOTLINE_ORDER_CONFLICT，"
                    + "differences 列出不同的字段。此后事件的每次状态变更都 POST 到回调地址（至少一次，带 Idempotency-Key 请求头，"
                    + "失败按指数退避重试）。缺少或无效的密钥 403 HOTLINE_API_KEY_REQUIRED / HOTLINE_API_KEY_INVALID；字段错误 400；"
                    + "callbackUrl 不是 https 或指向本机、内网、链路本地地址 400 HOTLINE_CALLBACK_URL_REFUSED（什么都不保存）。")
    @APIResponse(responseCode = "400", description = "字段错误，或回调地址不合规（HOTLINE_CALLBACK_URL_REFUSED）",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "callbackRefused",
                    value = """
                            {"type":"https://gridgov.cn/problems/hotline-callback-url-refused",\
                            "title":"HOTLINE_CALLBACK_URL_REFUSED","status":400,"code":"HOTLINE_CALLBACK_URL_REFUSED","detail":"callbackUrl 不被允许：回调地址须使用 \
                            https。回调只发往对方系统的公网 https 地址（如需内网网关，请由运维在 gridgov.hotline.callback-allowed-hosts \
                            中登记）"}""")))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HotlineOrderRequest.class),
            examples = @ExampleObject(name = "push", value = PUSH)))
    @APIResponse(responseCode = "201", description = "已受理，生成了事件", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HotlineOrderView.class),
            examples = @ExampleObject(name = "created", value = VIEW)))
    @APIResponse(responseCode = "200", description = "同一工单的重推（内容相同）：答复已生成的事件", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HotlineOrderView.class),
            examples = @ExampleObject(name = "repeated", value = VIEW)))
    @APIResponse(responseCode = "409", description = "同一工单号的内容不同", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "conflict", value = CONFLICT)))
    public Uni<Response> push(@Parameter(description = "县级管理员签发的对接密钥", required = true)
                              @HeaderParam(API_KEY) String apiKey,
                              @Valid @NotNull HotlineOrderRequest body, @Context HttpServerRequest http) {
        String address = clientAddress.of(http);
        return clients.client(apiKey).chain(client -> orders.push(client, body, address))
                .map(pushed -> (pushed.created()
                        ? Response.created(UriBuilder.fromPath("/api/v1/integrations/hotline/orders/{orderNo}")
                        .build(pushed.order().orderNo()))
                        : Response.ok()).entity(pushed.order()).build());
    }

    @GET
    @Path("{orderNo}")
    @Operation(summary = "查询 12345 工单的办理状态 (hotlineOrder)",
            description = "供轮询的平台使用：本对接系统推送的工单对应事件的状态、承办区域、时限与最近的处置意见；来电人电话只显示掩码。"
                    + "别的对接系统推送的或不存在的工单号 404 HOTLINE_ORDER_NOT_FOUND。需要 X-Api-Key。")
    @APIResponse(responseCode = "200", description = "工单状态", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HotlineOrderView.class), examples = @ExampleObject(name = "order", value = VIEW)))
    @APIResponse(responseCode = "404", description = "没有这个工单号", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "notFound", value = NOT_FOUND)))
    public Uni<HotlineOrderView> order(@Parameter(description = "县级管理员签发的对接密钥", required = true)
                                       @HeaderParam(API_KEY) String apiKey,
                                       @Parameter(description = "平台的工单号", example = "GD202603010012")
                                       @PathParam("orderNo") String orderNo) {
        return clients.client(apiKey).chain(client -> orders.status(client, orderNo));
    }
}
