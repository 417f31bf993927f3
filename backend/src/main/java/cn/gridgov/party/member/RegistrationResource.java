package cn.gridgov.party.member;

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
import java.util.List;
import java.util.Locale;

/**
 * Dual registration (双报到) over HTTP: a member registers with the community where they live and may appeal a
 * refusal once; admins of the community or above list, approve and refuse.
 */
@Path("/api/v1/party/registrations")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    static final String PENDING = """
            {"id":31,"memberId":501,"memberName":"陈静","phone":"138****1234","communityId":37,"communityName":"幸福里社区",\
            "buildingId":412,"status":"PENDING","refusalReason":null,"appealReason":null,"canAppeal":false,\
            "decidedAt":null,"version":0,"createdAt":"2026-03-01T09:05:00+08:00"}""";
    static final String APPROVED = """
            {"id":31,"memberId":501,"memberName":"陈静","phone":"138****1234","communityId":37,"communityName":"幸福里社区",\
            "buildingId":412,"status":"APPROVED","refusalReason":null,"appealReason":null,"canAppeal":false,\
            "decidedAt":"2026-03-02T10:00:00+08:00","version":1,"createdAt":"2026-03-01T09:05:00+08:00"}""";
    static final String REFUSED = """
            {"id":31,"memberId":501,"memberName":"陈静","phone":"138****1234","communityId":37,"communityName":"幸福里社区",\
            "buildingId":412,"status":"REFUSED","refusalReason":"经核实不在本社区居住","appealReason":null,"canAppeal":true,\
            "decidedAt":"2026-03-02T10:00:00+08:00","version":1,"createdAt":"2026-03-01T09:05:00+08:00"}""";
    private static final String DECIDE_ERRORS = "不在辖区内的报到答 404 REGISTRATION_NOT_FOUND，已审核答 409 NOT_PENDING，"
            + "version 过期答 409 STALE_VERSION，非管理员答 403。审核结果以订阅消息通知本人。";

    private final RegistrationService service;
    private final Caller caller;

    public RegistrationResource(RegistrationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "在职党员向居住地社区双报到 (registerWithCommunity)",
            description = "已登记的在职党员向居住地社区报到，可同时给出居住的楼栋（须在该社区内），待社区党委审核，答 201。"
                    + "向同一社区重复报到答 409 ALREADY_REGISTERED，未登记为党员答 404 PARTY_MEMBER_NOT_FOUND，非在职党员答 422 "
                    + "NOT_IN_SERVICE，社区未设社区党委答 422 NO_COMMUNITY_COMMITTEE，节点不对答 400 BAD_COMMUNITY / BAD_BUILDING。")
    @APIResponse(responseCode = "201", description = "待审核的报到", content = @Content(
            schema = @Schema(implementation = MemberViews.RegistrationView.class),
            examples = @ExampleObject(name = "pending", value = PENDING)))
    public Uni<Response> register(@RequestBody(required = true, content = @Content(
                                          schema = @Schema(implementation = MemberRequests.NewRegistration.class),
                                          examples = @ExampleObject(name = "register", value = """
                                                  {"communityId":37,"buildingId":412}""")))
                                  @Valid @NotNull MemberRequests.NewRegistration body) {
        return service.register(caller.actor(null), body)
                .map(g -> Response.created(URI.create("/api/v1/party/registrations/" + g.id())).entity(g).build());
    }

    @GET
    @Path("mine")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "我的双报到记录 (myRegistrations)",
            description = "党员查看自己的报到记录及审核结果（canAppeal 为 true 时可申诉一次）；未登记为党员答 404 PARTY_MEMBER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "本人的报到记录", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MemberViews.RegistrationView.class),
            examples = @ExampleObject(name = "mine", value = "[" + REFUSED + "]")))
    public Uni<List<MemberViews.RegistrationView>> mine() {
        return service.mine(caller.actor(null));
    }

    @GET
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "辖区内的双报到记录：按社区、状态筛选，游标分页 (listRegistrations)",
            description = "管理员列出辖区内社区收到的报到（手机号脱敏），可按 communityId 和 status（PENDING、APPROVED、REFUSED）筛选。"
                    + "参数不对答 400 BAD_COMMUNITYID、BAD_STATUS、BAD_CURSOR 或 BAD_LIMIT，非管理员答 403。")
    @APIResponse(responseCode = "200", description = "一页报到记录", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = MemberViews.RegistrationView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + PENDING + "],\"nextCursor\":null}")))
    public Uni<CursorPage<MemberViews.RegistrationView>> list(@QueryParam("communityId") String communityId,
                                                          @QueryParam("status") String status,
                                                          @QueryParam("cursor") String cursor,
                                                          @QueryParam("limit") String limit) {
        return service.list(caller.actor(null), QueryParams.optionalId("communityId", communityId),
                status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT), cursor,
                CursorPage.limit(limit));
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "双报到记录详情（辖区内） (getRegistration)",
            description = "管理员查看辖区内社区收到的一条报到；不在辖区内与不存在的一样答 404 REGISTRATION_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "报到记录", content = @Content(
            schema = @Schema(implementation = MemberViews.RegistrationView.class),
            examples = @ExampleObject(name = "pending", value = PENDING)))
    public Uni<MemberViews.RegistrationView> get(@PathParam("id") long id) {
        return service.get(caller.actor(null), id);
    }

    @POST
    @Path("{id: \\d+}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "通过双报到 (approveRegistration)",
            description = "社区（或上级）管理员通过待审核的报到：党员进入社区名册和所住楼栋党小组的名册。" + DECIDE_ERRORS)
    @APIResponse(responseCode = "200", description = "已通过的报到", content = @Content(
            schema = @Schema(implementation = MemberViews.RegistrationView.class),
            examples = @ExampleObject(name = "approved", value = APPROVED)))
    public Uni<MemberViews.RegistrationView> approve(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                         schema = @Schema(implementation = MemberRequests.RegistrationApproval.class),
                                                         examples = @ExampleObject(name = "approve", value = "{\"version\":0}")))
                                                 @Valid @NotNull MemberRequests.RegistrationApproval body) {
        return service.approve(caller.actor(null), id, body.version());
    }

    @POST
    @Path("{id: \\d+}/refuse")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "不予通过双报到（须写原因） (refuseRegistration)",
            description = "社区（或上级）管理员不予通过待审核的报到，须填写原因（本人可见，可申诉一次）。" + DECIDE_ERRORS)
    @APIResponse(responseCode = "200", description = "未通过的报到", content = @Content(
            schema = @Schema(implementation = MemberViews.RegistrationView.class),
            examples = @ExampleObject(name = "refused", value = REFUSED)))
    public Uni<MemberViews.RegistrationView> refuse(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                        schema = @Schema(implementation = MemberRequests.RegistrationRefusal.class),
                                                        examples = @ExampleObject(name = "refuse", value = """
                                                                {"version":0,"reason":"经核实不在本社区居住"}""")))
                                                @Valid @NotNull MemberRequests.RegistrationRefusal body) {
        return service.refuse(caller.actor(null), id, body.version(), body.reason());
    }

    @POST
    @Path("{id: \\d+}/appeal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "对未通过的双报到申诉（仅一次） (appealRegistration)",
            description = "党员对自己未通过的报到申诉并写明理由，报到回到待审核。再次申诉答 409 APPEAL_USED，不是未通过状态答 409 "
                    + "NOT_REFUSED，不是本人的报到答 404 REGISTRATION_NOT_FOUND，version 过期答 409 STALE_VERSION。")
    @APIResponse(responseCode = "200", description = "回到待审核的报到", content = @Content(
            schema = @Schema(implementation = MemberViews.RegistrationView.class),
            examples = @ExampleObject(name = "appealed", value = PENDING)))
    public Uni<MemberViews.RegistrationView> appeal(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                        schema = @Schema(implementation = MemberRequests.RegistrationAppeal.class),
                                                        examples = @ExampleObject(name = "appeal", value = """
                                                                {"version":1,"reason":"已在本社区居住三年，可提供租房合同"}""")))
                                                @Valid @NotNull MemberRequests.RegistrationAppeal body) {
        return service.appeal(caller.actor(null), id, body);
    }
}
