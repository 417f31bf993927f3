package cn.gridgov.volunteer;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.web.QueryParams;
import cn.gridgov.identity.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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
import java.util.Map;

/** Volunteers over HTTP: a user registers and reads themselves in the mini program; staff read their communities' volunteers. */
@Path("/api/v1/volunteers")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteerResource {

    static final String VOLUNTEER = """
            {"id":31,"name":"李梅","phone":"138****1234","communityId":12,"communityName":"幸福里社区",\
            "skills":["义诊","助老"],"availableTimes":["周末上午","工作日晚上"],"partyMember":true,"status":"ACTIVE",\
            "earnedPoints":120,"balance":80,"version":0,"createdAt":"2026-03-01T09:00:00+08:00"}""";

    private final VolunteerService service;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public VolunteerResource(VolunteerService service, Caller caller, ClientAddress clientAddress) {
        this.service = service;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("me")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "本人登记为志愿者（微信手机号验证） (registerAsVolunteer)",
            description = "已登录的小程序用户（居民或党员）向服务的社区登记为志愿者，填写技能与可服务时间；手机号用手机号按钮"
                    + "（open-type=getPhoneNumber）拿到的 code 作 phoneCode 由服务端向微信换取，加密保存、答复中脱敏。已在小程序登记为党员的"
                    + "自动标记为党员志愿者（计入其党组织的积分榜）。已登记过答 409 ALREADY_A_VOLUNTEER，手机号已被其他志愿者使用答 409 "
                    + "VOLUNTEER_PHONE_TAKEN，communityId 不是社区答 400 BAD_COMMUNITY，字段不对答 400 VALIDATION_FAILED，微信无法验证时 502/503。")
    @APIResponse(responseCode = "201", description = "登记好的志愿者（手机号脱敏）", content = @Content(
            schema = @Schema(implementation = VolunteerView.class), examples = @ExampleObject(name = "volunteer", value = VOLUNTEER)))
    public Uni<Response> register(@RequestBody(required = true, content = @Content(
                                          schema = @Schema(implementation = VolunteerRequests.VolunteerRegistration.class),
                                          examples = @ExampleObject(name = "registration", value = """
                                                  {"phoneCode":"e31968a7f94cc5ee25fafc2aef2773f0","name":"李梅",\
                                                  "communityId":12,"skills":["义诊","助老"],"availableTimes":["周末上午"]}""")))
                                  @Valid @NotNull VolunteerRequests.VolunteerRegistration body) {
        return service.register(caller.actor(null), body)
                .map(v -> Response.created(URI.create("/api/v1/volunteers/" + v.id())).entity(v).build());
    }

    @GET
    @Path("me")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "我的志愿者信息 (myVolunteer)",
            description = "小程序用户查看自己的志愿者记录与积分余额（手机号脱敏）；尚未登记答 404 VOLUNTEER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "本人的志愿者记录", content = @Content(
            schema = @Schema(implementation = VolunteerView.class), examples = @ExampleObject(name = "volunteer", value = VOLUNTEER)))
    public Uni<VolunteerView> mine() {
        return service.mineView(caller.userId());
    }

    @PUT
    @Path("me")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "修改我的技能与可服务时间 (updateMyVolunteer)",
            description = "志愿者修改自己的技能与可服务时间（整体替换），须带上读到的 version；版本已变答 409 STALE_VERSION，"
                    + "尚未登记答 404 VOLUNTEER_NOT_FOUND，字段不对答 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "200", description = "修改后的志愿者记录", content = @Content(
            schema = @Schema(implementation = VolunteerView.class), examples = @ExampleObject(name = "volunteer", value = VOLUNTEER)))
    public Uni<VolunteerView> updateMine(@RequestBody(required = true, content = @Content(
                                                 schema = @Schema(implementation = VolunteerRequests.VolunteerUpdate.class),
                                                 examples = @ExampleObject(name = "update", value = """
                                                         {"version":0,"skills":["义诊","助老","理发"],\
                                                         "availableTimes":["工作日晚上"]}""")))
                                         @Valid @NotNull VolunteerRequests.VolunteerUpdate body) {
        return service.updateMine(caller.actor(null), body);
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "辖区志愿者列表 (listVolunteers)",
            description = "工作人员查看辖区内社区的志愿者（可按社区 communityId、技能 skill 筛选），手机号脱敏；按 id 分页（cursor、limit，"
                    + "limit 最大 200）。游标无效答 400 BAD_CURSOR，limit 不对答 400 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页志愿者", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = VolunteerView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + VOLUNTEER + "],\"nextCursor\":null}")))
    public Uni<CursorPage<VolunteerView>> list(@QueryParam("communityId") String communityId,
                                               @QueryParam("skill") @Size(max = 20) String skill,
                                               @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return service.list(caller.actor(null), QueryParams.optionalId("communityId", communityId), skill, cursor, CursorPage.limit(limit));
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "志愿者详情（辖区内） (getVolunteer)",
            description = "工作人员查看社区在辖区内的志愿者（手机号脱敏）；其他志愿者与不存在的一样答 404 VOLUNTEER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "志愿者", content = @Content(
            schema = @Schema(implementation = VolunteerView.class), examples = @ExampleObject(name = "volunteer", value = VOLUNTEER)))
    public Uni<VolunteerView> get(@PathParam("id") long id) {
        return service.get(caller.actor(null), id);
    }

    @GET
    @Path("{id: \\d+}/phone")
    @RolesAllowed(Role.ANY_LEADER)
    @Operation(summary = "查看志愿者完整手机号（记录审计日志） (volunteerPhone)",
            description = "网格长和管理员查看辖区内志愿者的完整手机号，可用 reason 说明用途（最长 200 字）；每次查看都记入个人信息查看审计日志。"
                    + "其他角色答 403，志愿者不在辖区内答 404 VOLUNTEER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "完整手机号", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class),
            examples = @ExampleObject(name = "phone", value = "{\"phone\":\"13812341234\"}")))
    public Uni<Map<String, String>> phone(@PathParam("id") long id, @QueryParam("reason") @Size(max = 200) String reason,
                                          @Context HttpServerRequest request) {
        return service.revealPhone(caller.actor(clientAddress.of(request)), id, reason).map(p -> Map.of("phone", p));
    }
}
