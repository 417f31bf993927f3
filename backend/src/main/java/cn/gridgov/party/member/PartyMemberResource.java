package cn.gridgov.party.member;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.Map;

/** Party members over HTTP: staff enter and read them in scope; a member registers and reads themselves in the mini program. */
@Path("/api/v1/party/members")
@Produces(MediaType.APPLICATION_JSON)
public class PartyMemberResource {

    static final String MEMBER = """
            {"id":501,"name":"陈静","phone":"138****1234","orgId":205,"orgName":"幸福里小区党支部",\
            "workplace":"县人民医院","inService":true,"status":"ACTIVE","linkedToUser":true,"userId":88,"version":1,\
            "createdAt":"2026-03-01T09:00:00+08:00"}""";

    private final PartyMemberService service;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public PartyMemberResource(PartyMemberService service, Caller caller, ClientAddress clientAddress) {
        this.service = service;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "登记党员（工作人员录入） (createPartyMember)",
            description = "管理员为辖区内的党组织登记党员（组织关系所在支部 orgId），手机号加密保存、答复中脱敏；本人日后在小程序用同一手机号"
                    + "（微信授权）登记时自动关联。手机号已登记答 409 MEMBER_EXISTS，组织不在辖区内答 404 PARTY_ORG_NOT_FOUND，"
                    + "组织已撤销答 409 ORG_ENDED，字段不对答 400 VALIDATION_FAILED，非管理员答 403。")
    @APIResponse(responseCode = "201", description = "已登记的党员（手机号脱敏）", content = @Content(
            schema = @Schema(implementation = MemberViews.PartyMemberView.class), examples = @ExampleObject(name = "member", value = MEMBER)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(
                                        schema = @Schema(implementation = MemberRequests.NewPartyMember.class),
                                        examples = @ExampleObject(name = "member", value = """
                                                {"name":"陈静","phone":"13812341234","orgId":205,"workplace":"县人民医院",\
                                                "inService":true}""")))
                                @Valid @NotNull MemberRequests.NewPartyMember body) {
        return service.create(caller.actor(null), body)
                .map(m -> Response.created(URI.create("/api/v1/party/members/" + m.id())).entity(m).build());
    }

    @POST
    @Path("me")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "本人登记为党员（微信手机号验证） (registerAsPartyMember)",
            description = "小程序用户用手机号按钮（open-type=getPhoneNumber）拿到的 code 作 phoneCode，服务端向微信换取手机号验证身份。"
                    + "工作人员已用同一手机号登记过的党员记录直接关联到本人（答 200）；否则新建（答 201）。已登记过答 409 ALREADY_A_MEMBER，"
                    + "该手机号已关联他人答 409 MEMBER_EXISTS，orgId 不存在答 404 PARTY_ORG_NOT_FOUND，微信无法验证时 502/503。")
    @APIResponse(responseCode = "201", description = "新建的党员记录", content = @Content(
            schema = @Schema(implementation = MemberViews.PartyMemberView.class), examples = @ExampleObject(name = "member", value = MEMBER)))
    @APIResponse(responseCode = "200", description = "已关联工作人员录入的党员记录", content = @Content(
            schema = @Schema(implementation = MemberViews.PartyMemberView.class), examples = @ExampleObject(name = "linked", value = MEMBER)))
    public Uni<Response> registerSelf(@RequestBody(required = true, content = @Content(
                                              schema = @Schema(implementation = MemberRequests.PartyMemberSelfRegistration.class),
                                              examples = @ExampleObject(name = "self", value = """
                                                      {"phoneCode":"e31968a7f94cc5ee25fafc2aef2773f0","name":"陈静",\
                                                      "orgId":205,"workplace":"县人民医院","inService":true}""")))
                                      @Valid @NotNull MemberRequests.PartyMemberSelfRegistration body) {
        return service.registerSelf(caller.actor(null), body).map(r -> r.created()
                ? Response.created(URI.create("/api/v1/party/members/" + r.member().id())).entity(r.member()).build()
                : Response.ok(r.member()).build());
    }

    @GET
    @Path("me")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "我的党员信息 (myPartyMember)",
            description = "小程序用户查看自己的党员记录（手机号脱敏）；尚未登记答 404 PARTY_MEMBER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "本人的党员记录", content = @Content(
            schema = @Schema(implementation = MemberViews.PartyMemberView.class), examples = @ExampleObject(name = "member", value = MEMBER)))
    public Uni<MemberViews.PartyMemberView> mine() {
        return service.mineView(caller.userId());
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党员详情（辖区内） (getPartyMember)",
            description = "工作人员查看组织关系在辖区内、或向辖区内社区双报到的党员（手机号脱敏）；其他党员与不存在的一样答 404 "
                    + "PARTY_MEMBER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "党员", content = @Content(
            schema = @Schema(implementation = MemberViews.PartyMemberView.class), examples = @ExampleObject(name = "member", value = MEMBER)))
    public Uni<MemberViews.PartyMemberView> get(@PathParam("id") long id) {
        return service.get(caller.actor(null), id);
    }

    @GET
    @Path("{id: \\d+}/phone")
    @RolesAllowed(Role.ANY_LEADER)
    @Operation(summary = "查看党员完整手机号（记录审计日志） (partyMemberPhone)",
            description = "网格长和管理员查看辖区内党员的完整手机号，可用 reason 说明用途（最长 200 字）；每次查看都记入个人信息查看审计日志。"
                    + "其他角色答 403，党员不在辖区内答 404 PARTY_MEMBER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "完整手机号", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class),
            examples = @ExampleObject(name = "phone", value = "{\"phone\":\"13812341234\"}")))
    public Uni<Map<String, String>> phone(@PathParam("id") long id, @QueryParam("reason") @Size(max = 200) String reason,
                                          @Context HttpServerRequest request) {
        return service.revealPhone(caller.actor(clientAddress.of(request)), id, reason).map(p -> Map.of("phone", p));
    }
}
