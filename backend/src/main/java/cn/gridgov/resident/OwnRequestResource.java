package cn.gridgov.resident;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    static final String RATED = """
            {"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","status":"CLOSED","statusName":"已办结",\
            "description":"幸福里小区东门人行道井盖缺失，夜间有行人踩空的危险","isPublic":true,"anonymous":true,\
            "reportedAt":"2026-03-01T08:00:00+08:00","expectedBy":"2026-03-02T12:00:00+08:00",\
            "closedAt":"2026-03-01T16:00:00+08:00","handlerOrganisation":"幸福里社区",\
            "rating":{"stars":5,"comment":"当天就换好了井盖，谢谢社区","ratedAt":"2026-03-01T18:00:00+08:00"},\
            "allowedActions":[],"flow":[{"action":"REPORT","from":null,"to":"REPORTED","actorRole":"RESIDENT",\
            "comment":null,"mediaIds":[],"at":"2026-03-01T08:00:00+08:00"},{"action":"RATE","from":"CLOSED",\
            "to":"CLOSED","actorRole":"RESIDENT","comment":"当天就换好了井盖，谢谢社区","mediaIds":[],\
            "at":"2026-03-01T18:00:00+08:00"}]}""";

    /** What a resident adds to an open request: text, photos (ids from {@code POST /api/v1/media}), or both. */
    @Schema(name = "ResidentAddition")
    public record Addition(@Size(max = 1000) String comment, @Size(max = 9) List<@NotNull UUID> mediaIds) {
    }

    /** The resident's verdict on a closed request: 1 to 5 stars and an optional comment. */
    @Schema(name = "ResidentRating")
    public record RatingBody(@NotNull @Min(1) @Max(5) Integer stars, @Size(max = 1000) String comment) {
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
                    + "每次补充记为一条流转（ADD_INFO）并通过订阅消息通知承办人。文字经微信内容安全检测：违规答 422 CONTENT_RISKY "
                    + "且什么都不保存，需人工复核的照常保存并交审核员；照片异步检测，违规照片自动屏蔽。被禁言答 403 USER_MUTED"
                    + "（message 给出禁言截止的北京时间）。两者都没有答 400 INFO_REQUIRED；"
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
    @Path("/{id}/rating")
    @Operation(summary = "评价已办结的诉求：1 到 5 星和评语，只能一次 (rateMyRequest)",
            description = "诉求办结后 7 天内（可配置），提交人可评价一次：stars 1–5，comment 可选；评语经微信内容安全检测，"
                    + "违规答 422 CONTENT_RISKY 且不保存，需人工复核的照常保存并交审核员。与 POST /api/v1/incidents/{id}/transitions "
                    + "的 RATE 是同一步骤（同一规则），这里不需要 version。1 或 2 星自动生成一条回访任务。已评价过答 409 "
                    + "ALREADY_RATED，超过期限答 409 RATING_WINDOW_OVER，尚未办结答 409 ACTION_NOT_ALLOWED，不是自己的诉求答 404 "
                    + "INCIDENT_NOT_FOUND，被禁言答 403 USER_MUTED，stars 不在 1–5 答 400。")
    @APIResponse(responseCode = "200", description = "评价之后的诉求（rating 为刚给出的评价）",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OwnRequestView.class),
                    examples = @ExampleObject(name = "request", value = RATED)))
    public Uni<OwnRequestView> rate(@Parameter(description = "诉求（事件）编号", example = "1024") @RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RatingBody.class),
                    examples = @ExampleObject(name = "rating", value = """
                            {"stars":5,"comment":"当天就换好了井盖，谢谢社区"}""")))
            @Valid @NotNull RatingBody body) {
        return service.rate(caller.actor(null), id, body.stars(), body.comment());
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
