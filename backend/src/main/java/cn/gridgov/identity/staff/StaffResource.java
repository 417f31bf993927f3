package cn.gridgov.identity.staff;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.ClientAddress;
import cn.gridgov.identity.auth.AuthService;
import cn.gridgov.identity.personal.PersonalDataAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Staff accounts, managed by admins within their own subtree, and the audit log of their changes. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1/staff")
@Tag(name = "staff", description = "工作人员账号")
public class StaffResource {

    /** The page size of the staff list when the client gives none. */
    private static final int STAFF_PAGE = 50;

    /** A staff account as the examples show it. */
    private static final String ACCOUNT = """
            {"id":23,"username":"li-si","displayName":"李四","roles":["GRID_WORKER"],"active":true,\
            "region":{"id":305,"name":"幸福小区","level":"COMPOUND"},"wechatLinked":true,"phone":"139****5678",\
            "createdAt":"2026-03-01T08:00:00+08:00"}""";

    private final StaffService service;
    private final PersonalDataAccess personalData;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public StaffResource(StaffService service, PersonalDataAccess personalData, Caller caller,
                         ClientAddress clientAddress) {
        this.service = service;
        this.personalData = personalData;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @POST
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "创建工作人员账号（本级及下级区域，角色不高于自己） (create)",
            description = "管理员（社区、乡镇、县级）在本辖区的节点上创建账号，响应 201 并在 Location 头给出新账号地址。"
                    + "授予高于自己级别的角色答 403 ROLE_NOT_GRANTABLE，角色与节点层级不符答 400 ROLE_LEVEL_MISMATCH，"
                    + "用户名已被使用答 409 USERNAME_TAKEN，节点不在辖区内答 404。记入人员审计日志。")
    @APIResponse(responseCode = "201", description = "已创建的账号（手机号脱敏）",
            content = @Content(schema = @Schema(implementation = StaffView.class),
                    examples = @ExampleObject(name = "created", value = """
                            {"id":23,"username":"li-si","displayName":"李四","roles":["GRID_WORKER"],"active":true,\
                            "region":{"id":305,"name":"幸福小区","level":"COMPOUND"},"wechatLinked":false,\
                            "phone":"139****5678","createdAt":"2026-03-01T08:00:00+08:00"}""")))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(
                                        schema = @Schema(implementation = StaffRequests.Create.class),
                                        examples = @ExampleObject(name = "worker", value = """
                                                {"username":"li-si","password":"Wangge-2026-init","displayName":"李四",\
                                                "regionId":305,"roles":["GRID_WORKER"],"phone":"13912345678"}""")))
                                @Valid @NotNull StaffRequests.Create body, @Context UriInfo uri,
                                @Context HttpServerRequest request) {
        return service.create(caller.actor(clientAddress.of(request)), body)
                .map(view -> Response.created(uri.getAbsolutePathBuilder().path(Long.toString(view.id())).build())
                        .entity(view).build());
    }

    @GET
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "本辖区工作人员列表（游标分页） (list)",
            description = "管理员查看本辖区（可用 regionId 限定为某节点及其下级）的工作人员账号，按 id 升序，每页默认 50 条；"
                    + "把响应的 nextCursor 作为下一页的 cursor，没有下一页时 nextCursor 为空。其他角色答 403，"
                    + "cursor 或 limit 无效答 400。")
    @APIResponse(responseCode = "200", description = "一页工作人员账号",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = StaffView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING)}),
                    examples = @ExampleObject(name = "page",
                    value = "{\"items\":[" + ACCOUNT + "],\"nextCursor\":\"azoyMw\"}")))
    public Uni<CursorPage<StaffView>> list(@QueryParam("regionId") Long regionId,
                                           @QueryParam("cursor") @Size(max = 64) String cursor,
                                           @QueryParam("limit") String limit, @Context HttpServerRequest request) {
        return service.list(caller.actor(clientAddress.of(request)), regionId, CursorPage.after(cursor),
                CursorPage.limit(limit, STAFF_PAGE));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "工作人员详情（辖区外的账号答 404） (get)",
            description = "管理员查看本辖区内的一个工作人员账号（手机号脱敏）。不存在或在辖区外答 404 STAFF_NOT_FOUND，"
                    + "其他角色答 403。")
    @APIResponse(responseCode = "200", description = "工作人员账号",
            content = @Content(schema = @Schema(implementation = StaffView.class),
                    examples = @ExampleObject(name = "account", value = ACCOUNT)))
    public Uni<StaffView> get(@PathParam("id") long id, @Context HttpServerRequest request) {
        return service.get(caller.actor(clientAddress.of(request)), id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "修改工作人员：姓名、角色、启用/停用、重置密码 (update)",
            description = "重置密码（password）只允许级别严格高于对方的管理员（否则 403 ACCOUNT_NOT_SUBORDINATE；自己的密码"
                    + "请用 POST /api/v1/auth/password）；重置同时解除对方的微信绑定、作废未用的绑定码并结束其所有会话。"
                    + "角色变更和停用也结束其会话。每项变更记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "修改后的账号",
            content = @Content(schema = @Schema(implementation = StaffView.class), examples = @ExampleObject(
                    name = "disabled", value = """
                            {"id":23,"username":"li-si","displayName":"李四","roles":["GRID_WORKER"],"active":false,\
                            "region":{"id":305,"name":"幸福小区","level":"COMPOUND"},"wechatLinked":true,\
                            "phone":"139****5678","createdAt":"2026-03-01T08:00:00+08:00"}""")))
    public Uni<StaffView> update(@PathParam("id") long id,
                                 @RequestBody(required = true, content = @Content(
                                         schema = @Schema(implementation = StaffRequests.Update.class),
                                         examples = @ExampleObject(name = "disable",
                                                 value = "{\"displayName\":\"李四\",\"active\":false}")))
                                 @Valid @NotNull StaffRequests.Update body,
                                 @Context HttpServerRequest request) {
        return service.update(caller.actor(clientAddress.of(request)), id, body);
    }

    @POST
    @Path("/{id}/binding-code")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "为级别低于自己的工作人员生成一次性微信绑定码 (bindingCode)",
            description = "只有级别严格高于对方、且对方在本辖区内的管理员可以生成；同级或更高级的账号答 403 "
                    + "ACCOUNT_NOT_SUBORDINATE，自己的账号答 403 OWN_ACCOUNT_NEEDS_PASSWORD（请用 POST /api/v1/auth/binding-code "
                    + "并输入当前密码），辖区外答 404。记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "新的绑定码（只显示这一次），替换未用的旧码",
            content = @Content(schema = @Schema(implementation = AuthService.BindingCode.class),
                    examples = @ExampleObject(name = "code",
                            value = "{\"code\":\"7KQ2MXPA\",\"expiresAt\":\"2026-03-01T08:15:00+08:00\"}")))
    public Uni<AuthService.BindingCode> bindingCode(@PathParam("id") long id, @Context HttpServerRequest request) {
        return service.bindingCode(caller.actor(clientAddress.of(request)), id);
    }

    @DELETE
    @Path("/{id}/wechat")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "解除级别低于自己的工作人员的微信绑定 (unlinkWeChat)",
            description = "规则同生成绑定码（级别严格更高、在辖区内）。解除后该账号的所有会话失效；没有绑定时不做改变。"
                    + "记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "解除后的账号", content = @Content(schema = @Schema(implementation = StaffView.class),
            examples = @ExampleObject(name = "unlinked", value = """
                    {"id":23,"username":"li-si","displayName":"李四","roles":["GRID_WORKER"],"active":true,\
                    "region":{"id":305,"name":"幸福小区","level":"COMPOUND"},"wechatLinked":false,\
                    "phone":"139****5678","createdAt":"2026-03-01T08:00:00+08:00"}""")))
    public Uni<StaffView> unlinkWeChat(@PathParam("id") long id, @Context HttpServerRequest request) {
        return service.unlinkWeChat(caller.actor(clientAddress.of(request)), id);
    }

    @GET
    @Path("/audit")
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "人员审计日志（仅县级管理员；新的在前，游标分页） (audit)",
            description = "每一次账号变更一行：创建、角色变更、启用/停用、姓名变更、管理员重置密码、本人修改密码、生成绑定码、"
                    + "绑定微信、解除绑定。字段：谁（actorId，系统操作为空）、做了什么（action）、对谁（targetId）、何时（at）、"
                    + "变更前后摘要（before/after，不含密码等秘密）、客户端地址。日志只能追加：数据库拒绝修改和删除。"
                    + "其他角色答 403。")
    @APIResponse(responseCode = "200", description = "一页审计记录",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = StaffAudit.Entry.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[{\"id\":42,"
                    + "\"at\":\"2026-03-01T09:30:00+08:00\",\"actorId\":3,\"actorUsername\":\"county-admin\","
                    + "\"action\":\"PASSWORD_RESET\",\"targetId\":17,\"targetUsername\":\"zhang-san\",\"before\":null,"
                    + "\"after\":{\"wechatUnlinked\":true,\"sessionsEnded\":true},\"clientAddress\":\"10.0.0.8\"}],"
                    + "\"nextCursor\":\"azo0Mg\"}")))
    public Uni<CursorPage<StaffAudit.Entry>> audit(@QueryParam("targetId") Long targetId,
                                                   @QueryParam("cursor") String cursor,
                                                   @QueryParam("limit") String limit) {
        return service.auditLog(targetId, cursor, CursorPage.limit(limit, STAFF_PAGE));
    }

    @GET
    @Path("/{id}/phone")
    @RolesAllowed(Role.ANY_LEADER)
    @Operation(summary = "查看完整手机号（记录审计日志） (phone)",
            description = "网格长和管理员查看本辖区内工作人员的完整手机号，可用 reason 说明用途（最长 200 字）；每次查看都记入"
                    + "个人信息查看审计日志。其他角色答 403，账号不在辖区内答 404 STAFF_NOT_FOUND，未登记手机号答 404 PHONE_NOT_SET。")
    @APIResponse(responseCode = "200", description = "完整手机号",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class),
                    examples = @ExampleObject(name = "phone", value = "{\"phone\":\"13912345678\"}")))
    public Uni<Map<String, String>> phone(@PathParam("id") long id,
                                          @QueryParam("reason") @Size(max = 200) String reason,
                                          @Context HttpServerRequest request) {
        return service.revealPhone(caller.actor(clientAddress.of(request)), id, reason, personalData)
                .map(phone -> Map.of("phone", phone));
    }
}
