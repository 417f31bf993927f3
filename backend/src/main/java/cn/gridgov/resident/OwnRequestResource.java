package cn.gridgov.resident;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
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

import java.util.List;
import java.util.UUID;

/** A resident's own requests (我的诉求): following them, adding information, withdrawing. */
@Path("/api/v1/me/requests")
@RolesAllowed(Role.ANY_USER)
public class OwnRequestResource {

    static final String REQUEST = """
            {"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","status":"DISPATCHED","statusName":"已派单",\
            "description":"幸福里小区东门人行道井盖缺失，夜间有行人踩空的危险","isPublic":true,"anonymous":true,\
            "reportedAt":"2026-03-01T08:00:00+08:00","expectedBy":"2026-03-02T12:00:00+08:00",\
            "handlerOrganisation":"幸福里社区","allowedActions":["ADD_INFO","WITHDRAW"],\
            "flow":[{"action":"REPORT","from":null,"to":"REPORTED","actorRole":"RESIDENT","comment":null,"mediaIds":[],\
            "at":"2026-03-01T08:00:00+08:00"},{"action":"DISPATCH","from":"ACCEPTED","to":"DISPATCHED",\
            "actorRole":"COMMUNITY_ADMIN","comment":"请今天下班前更换井盖","mediaIds":[],"at":"2026-03-01T09:05:00+08:00"}]}""";

    /** What a resident adds to an open request: text, photos (ids from {@code POST /api/v1/media}), or both. */
    @Schema(name = "ResidentAddition")
    public record Addition(@Size(max = 1000) String comment, @Size(max = 9) List<@NotNull UUID> mediaIds) {
    }

    /** Why the resident withdraws the request (optional). */
    @Schema(name = "ResidentWithdrawal")
    public record Withdrawal(@Size(max = 1000) String reason) {
    }

    private final OwnRequestService service;
    private final Caller caller;

    public OwnRequestResource(OwnRequestService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "我的诉求：状态、流转、预计办结时间和承办单位，最新在前，游标分页 (myRequests)",
            description = "调用者自己提交的诉求（工作人员则是自己上报的事件）。expectedBy 为办理时限（北京时间），"
                    + "handlerOrganisation 为承办区域的名称，不含任何工作人员的姓名或电话。allowedActions 为此刻可执行的操作"
                    + "（ADD_INFO 补充信息、WITHDRAW 撤回、RATE 评价）。参数不对时 400 BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页诉求；nextCursor 为空表示没有更多",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = OwnRequestView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + REQUEST
                            + "],\"nextCursor\":\"azoxMDI0\"}")))
    public Uni<CursorPage<OwnRequestView>> list(
            @Parameter(description = "上一页的 nextCursor", example = "azoxMDI0") @RestQuery String cursor,
            @Parameter(description = "每页条数，1–200，默认 20", example = "20") @RestQuery String limit) {
        return service.list(caller.actor(null), CursorPage.after(cursor), CursorPage.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "我的一条诉求及其流转 (myRequest)",
            description = "只能查看自己提交的诉求；别人的诉求与不存在的一样答 404 INCIDENT_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "诉求",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OwnRequestView.class),
                    examples = @ExampleObject(name = "request", value = REQUEST)))
    public Uni<OwnRequestView> get(@Parameter(description = "诉求（事件）编号", example = "1024") @RestPath long id) {
        return service.get(caller.actor(null), id);
    }

    @POST
    @Path("/{id}/additions")
    @Operation(summary = "补充诉求信息（文字、照片），通知承办人 (addRequestInfo)",
            description = "诉求办结前，提交人可补充文字（comment）和照片（mediaIds，先经 POST /api/v1/media 上传），"
                    + "每次补充记为一条流转（ADD_INFO）并通过订阅消息通知承办人。两者都没有答 400 INFO_REQUIRED；"
                    + "诉求已办结、不予受理或已撤回答 409 REQUEST_ENDED；不是自己的诉求答 404 INCIDENT_NOT_FOUND"
                    + "（在辖区内看得到但不是提交人的工作人员答 403 ACTION_FORBIDDEN）；照片不是自己上传的答 400。")
    @APIResponse(responseCode = "200", description = "补充之后的诉求",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OwnRequestView.class),
                    examples = @ExampleObject(name = "request", value = REQUEST)))
    public Uni<OwnRequestView> addInfo(@Parameter(description = "诉求（事件）编号", example = "1024") @RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Addition.class),
                    examples = @ExampleObject(name = "addition", value = """
                            {"comment":"今天早上又有一位老人差点踩空","mediaIds":["3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31"]}""")))
            @Valid @NotNull Addition body) {
        return service.addInfo(caller.actor(null), id, body.comment(), body.mediaIds() == null ? List.of() : body.mediaIds());
    }

    @POST
    @Path("/{id}/withdrawal")
    @Operation(summary = "撤回诉求 (withdrawRequest)",
            description = "诉求办结前，提交人可撤回（状态 WITHDRAWN，不再办理，统计中计为已结束）；reason 可选。"
                    + "已办结、不予受理或已撤回答 409 REQUEST_ENDED；不是自己的诉求答 404 INCIDENT_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "撤回之后的诉求",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OwnRequestView.class),
                    examples = @ExampleObject(name = "request", value = REQUEST)))
    public Uni<OwnRequestView> withdraw(@Parameter(description = "诉求（事件）编号", example = "1024") @RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Withdrawal.class),
                    examples = @ExampleObject(name = "withdrawal", value = """
                            {"reason":"物业已经修好了"}""")))
            @Valid @NotNull Withdrawal body) {
        return service.withdraw(caller.actor(null), id, body.reason());
    }
}
