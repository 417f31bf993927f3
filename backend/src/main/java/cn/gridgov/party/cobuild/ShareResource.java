package cn.gridgov.party.cobuild;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.web.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.Locale;

import static cn.gridgov.party.cobuild.CobuildExamples.SHARE;
import static cn.gridgov.party.cobuild.CobuildExamples.SHARE_USED;

/**
 * Resource sharing over HTTP: a community's admins and a unit's contact (a mini-program user) start, answer, cancel
 * and record shares, as {@link ShareFlow} allows each side.
 */
@Path("/api/v1/party/cobuild/shares")
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {

    private static final String STEP_ERRORS = "状态不允许答 409 SHARE_STATUS_CONFLICT，调用者一方不能执行答 403 "
            + "SHARE_SIDE_FORBIDDEN，version 过期答 409 STALE_VERSION，看不到的记录答 404 COBUILD_SHARE_NOT_FOUND。";

    private final ShareService shares;
    private final Caller caller;

    public ShareResource(ShareService shares, Caller caller) {
        this.shares = shares;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "发起资源共享：社区申请或单位提供 (createCobuildShare)",
            description = "社区（或上级）管理员向共建单位申请资源（kind=REQUEST），或单位联系人（已在小程序关联）提供资源（kind=OFFER，"
                    + "管理员也可代单位登记）。单位与该社区须有有效的共建协议，否则 409 NO_AGREEMENT_IN_FORCE；资源已停用答 409 "
                    + "RESOURCE_INACTIVE；单位联系人发起申请答 403 SHARE_SIDE_FORBIDDEN；看不到的资源答 404 COBUILD_RESOURCE_NOT_FOUND；"
                    + "字段不对答 400 VALIDATION_FAILED，wantedOn 不在 2000—2099 年答 400 BAD_DATE。")
    @APIResponse(responseCode = "201", description = "待答复的资源共享", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildShareView.class), examples = @ExampleObject(name = "share", value = SHARE)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(
                                        schema = @Schema(implementation = CobuildRequests.CobuildNewShare.class),
                                        examples = @ExampleObject(name = "request", value = """
                                                {"resourceId":12,"communityId":37,"kind":"REQUEST","purpose":"七一党员大会",\
                                                "wantedOn":"2026-07-01"}""")))
                                @Valid @NotNull CobuildRequests.CobuildNewShare body) {
        return shares.create(caller.actor(null), body)
                .map(s -> Response.created(URI.create("/api/v1/party/cobuild/shares/" + s.id())).entity(s).build());
    }

    @GET
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "资源共享记录：辖区内社区的和本人作为单位联系人的，游标分页 (listCobuildShares)",
            description = "工作人员看到辖区内社区的资源共享，单位联系人看到本单位的；可按 communityId、unitId、status（PENDING、ACCEPTED、"
                    + "DECLINED、CANCELLED、USED）筛选。每条的 allowedActions 是调用者此刻可执行的操作。参数不对答 400 BAD_COMMUNITYID、"
                    + "BAD_UNITID、BAD_STATUS、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页资源共享记录；" + CobuildExamples.PAGE_NOTE, content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = CobuildViews.CobuildShareView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + SHARE + "],\"nextCursor\":null}")))
    public Uni<CursorPage<CobuildViews.CobuildShareView>> list(@QueryParam("communityId") String communityId,
                                                               @QueryParam("unitId") String unitId,
                                                               @QueryParam("status") String status,
                                                               @QueryParam("cursor") String cursor,
                                                               @QueryParam("limit") String limit) {
        return shares.list(caller.actor(null), QueryParams.optionalId("communityId", communityId),
                QueryParams.optionalId("unitId", unitId),
                status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT), cursor,
                CursorPage.limit(limit));
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "资源共享详情 (getCobuildShare)",
            description = "辖区覆盖该社区的工作人员和该单位的联系人可以查看；其他人与不存在的一样答 404 COBUILD_SHARE_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "资源共享", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildShareView.class), examples = @ExampleObject(name = "share", value = SHARE)))
    public Uni<CobuildViews.CobuildShareView> get(@PathParam("id") long id) {
        return shares.get(caller.actor(null), id);
    }

    @POST
    @Path("{id: \\d+}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "接受资源共享 (acceptCobuildShare)",
            description = "未发起的一方接受待答复的共享：社区的申请由单位联系人（或管理员代单位）接受，单位的提供由社区管理员接受。"
                    + "决定以订阅消息通知单位联系人（不是本人决定时）。" + STEP_ERRORS)
    @APIResponse(responseCode = "200", description = "已接受的共享", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildShareView.class), examples = @ExampleObject(name = "share", value = SHARE)))
    public Uni<CobuildViews.CobuildShareView> accept(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                         schema = @Schema(implementation = CobuildRequests.CobuildShareStep.class),
                                                         examples = @ExampleObject(name = "accept", value = "{\"version\":0}")))
                                                     @Valid @NotNull CobuildRequests.CobuildShareStep body) {
        return shares.decide(caller.actor(null), id, ShareFlow.Action.ACCEPT, body);
    }

    @POST
    @Path("{id: \\d+}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "拒绝资源共享（须写原因） (declineCobuildShare)",
            description = "未发起的一方拒绝待答复的共享，须填写原因（否则 400 REASON_REQUIRED）；决定以订阅消息通知单位联系人。"
                    + STEP_ERRORS)
    @APIResponse(responseCode = "200", description = "已拒绝的共享", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildShareView.class), examples = @ExampleObject(name = "share", value = SHARE)))
    public Uni<CobuildViews.CobuildShareView> decline(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                          schema = @Schema(implementation = CobuildRequests.CobuildShareStep.class),
                                                          examples = @ExampleObject(name = "decline", value = """
                                                                  {"version":0,"reason":"当天场地已有安排"}""")))
                                                      @Valid @NotNull CobuildRequests.CobuildShareStep body) {
        return shares.decide(caller.actor(null), id, ShareFlow.Action.DECLINE, body);
    }

    @POST
    @Path("{id: \\d+}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "取消待答复的资源共享 (cancelCobuildShare)",
            description = "发起的一方在对方答复前取消，可写原因。" + STEP_ERRORS)
    @APIResponse(responseCode = "200", description = "已取消的共享", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildShareView.class), examples = @ExampleObject(name = "share", value = SHARE)))
    public Uni<CobuildViews.CobuildShareView> cancel(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                         schema = @Schema(implementation = CobuildRequests.CobuildShareStep.class),
                                                         examples = @ExampleObject(name = "cancel", value = """
                                                                 {"version":0,"reason":"活动延期"}""")))
                                                     @Valid @NotNull CobuildRequests.CobuildShareStep body) {
        return shares.decide(caller.actor(null), id, ShareFlow.Action.CANCEL, body);
    }

    @POST
    @Path("{id: \\d+}/use")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "登记资源使用情况（日期和成效） (recordCobuildShareUse)",
            description = "已接受的共享使用后，社区管理员或单位联系人登记使用日期和成效（usedOn 不在 2000—2099 年答 400 BAD_DATE）。" + STEP_ERRORS)
    @APIResponse(responseCode = "200", description = "已使用的共享", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildShareView.class),
            examples = @ExampleObject(name = "used", value = SHARE_USED)))
    public Uni<CobuildViews.CobuildShareView> use(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                      schema = @Schema(implementation = CobuildRequests.CobuildShareUse.class),
                                                      examples = @ExampleObject(name = "use", value = """
                                                              {"version":1,"usedOn":"2026-07-01","outcome":"120 名党员参加，会场秩序良好"}""")))
                                                  @Valid @NotNull CobuildRequests.CobuildShareUse body) {
        return shares.recordUse(caller.actor(null), id, body);
    }
}
