package cn.gridgov.department;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.List;

/** Departments (条) and their staff accounts: read by staff, maintained by county admins. */
@Path("/api/v1/departments")
@Tag(name = "departments")
public class DepartmentResource {

    static final String DEPARTMENT = """
            {"id":7,"code":"ZJJ","name":"县住建局","kind":"DEPARTMENT","townId":null,"parentId":null,"active":true,\
            "version":0,"updatedAt":"2026-12-02T09:30:00+08:00"}""";

    private static final String INPUT = """
            {"code":"ZJJ","name":"县住建局","kind":"DEPARTMENT"}""";

    private static final String STAFF = """
            {"id":31,"username":"zjj-wang","displayName":"王工","roles":["DEPT_HANDLER"],"departmentId":7,"active":true}""";

    private final DepartmentService service;
    private final DepartmentStaffService staff;
    private final Caller caller;

    public DepartmentResource(DepartmentService service, DepartmentStaffService staff, Caller caller) {
        this.service = service;
        this.staff = staff;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "部门列表：职能部门、站所与公共服务企业 (listDepartments)",
            description = "工作人员（含部门人员）可读；默认只含启用的部门，includeInactive=true 时也含已停用的。按类型、编码排序。")
    @APIResponse(responseCode = "200", description = "部门",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DepartmentView.class),
                    examples = @ExampleObject(name = "departments", value = "[" + DEPARTMENT + "]")))
    public Uni<List<DepartmentView>> list(@RestQuery boolean includeInactive) {
        return service.list(includeInactive);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "查看一个部门 (getDepartment)",
            description = "工作人员可读；不存在答 404 DEPARTMENT_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "部门",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentView.class),
                    examples = @ExampleObject(name = "department", value = DEPARTMENT)))
    public Uni<DepartmentView> get(@RestPath long id) {
        return service.get(id);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "新建部门、站所或企业（COUNTY_ADMIN） (createDepartment)",
            description = "仅县级管理员。编码为 2–32 位大写字母、数字、_ 或 -，已被使用答 409 DEPARTMENT_CODE_TAKEN；"
                    + "站所（STATION）须填辖区内乡镇 townId，其他类型不可填（400 DEPARTMENT_TOWN_INVALID）；"
                    + "上级部门不存在答 400 DEPARTMENT_PARENT_INVALID。")
    @APIResponse(responseCode = "201", description = "已新建；Location 为该部门",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentView.class),
                    examples = @ExampleObject(name = "department", value = DEPARTMENT)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DepartmentInput.class),
            examples = @ExampleObject(name = "department", value = INPUT))) @Valid @NotNull DepartmentInput input) {
        return service.checkTown(caller.actor(null), input).chain(() -> service.create(input))
                .map(d -> Response.created(URI.create("/api/v1/departments/" + d.id())).entity(d).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "修改部门名称、类型、所在乡镇或停用（COUNTY_ADMIN） (updateDepartment)",
            description = "仅县级管理员；version 须为当前版本（否则 409 STALE_VERSION），编码不可修改"
                    + "（400 DEPARTMENT_CODE_FIXED）；不存在答 404 DEPARTMENT_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "修改后的部门",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentView.class),
                    examples = @ExampleObject(name = "department", value = DEPARTMENT)))
    public Uni<DepartmentView> update(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DepartmentInput.class),
            examples = @ExampleObject(name = "department", value = """
                    {"name":"县住房和城乡建设局","kind":"DEPARTMENT","active":true,"version":0}"""))) @Valid @NotNull DepartmentInput input) {
        return service.checkTown(caller.actor(null), input).chain(() -> service.update(id, input));
    }

    @POST
    @Path("/{id}/staff")
    @RolesAllowed({Role.COUNTY_ADMIN, Role.DEPT_ADMIN})
    @Operation(summary = "为部门开设人员账号：经办人或部门管理员（COUNTY_ADMIN、本部门 DEPT_ADMIN） (createDepartmentStaff)",
            description = "县级管理员可为任何部门开设经办人（DEPT_HANDLER）或部门管理员（DEPT_ADMIN）；部门管理员只能为本部门"
                    + "开设经办人（他部门答 404 DEPARTMENT_NOT_FOUND，其他角色答 403 ROLE_NOT_GRANTABLE）。角色只能是 "
                    + "DEPT_HANDLER、DEPT_ADMIN（否则 400）；密码 8–128 位，手机号加密保存。账号绑定到部门而非区域，只能看到本部门"
                    + "被“吹哨”的事件。用户名已被使用答 409 USERNAME_TAKEN，部门不存在答 404。")
    @APIResponse(responseCode = "201", description = "已开设",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentStaffView.class),
                    examples = @ExampleObject(name = "staff", value = STAFF)))
    @APIResponse(responseCode = "403", description = "部门管理员开设非经办人账号（ROLE_NOT_GRANTABLE）",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "roleNotGrantable",
                    value = """
                            {"type":"https://gridgov.cn/problems/role-not-grantable","title":"ROLE_NOT_GRANTABLE","status":403,\
                            "code":"ROLE_NOT_GRANTABLE","detail":"部门管理员只能开设、停用本部门的经办人（DEPT_HANDLER）账号；\
                            部门管理员账号由县级管理员管理"}""")))
    @APIResponse(responseCode = "404", description = "部门不存在，或不是本部门（DEPARTMENT_NOT_FOUND）")
    @APIResponse(responseCode = "409", description = "用户名已被使用（USERNAME_TAKEN）")
    public Uni<Response> createStaff(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DepartmentStaffInput.class),
            examples = @ExampleObject(name = "staff", value = """
                    {"username":"zjj-wang","password":"initial-pass-123","displayName":"王工","roles":["DEPT_HANDLER"]}""")))
            @Valid @NotNull DepartmentStaffInput input) {
        return staff.create(caller.actor(null), id, input)
                .map(s -> Response.status(Response.Status.CREATED).entity(s).build());
    }

    @PATCH
    @Path("/{id}/staff/{userId}")
    @RolesAllowed({Role.COUNTY_ADMIN, Role.DEPT_ADMIN})
    @Operation(summary = "启用或停用部门人员账号（COUNTY_ADMIN、本部门 DEPT_ADMIN） (updateDepartmentStaff)",
            description = "县级管理员可启停任何部门的人员；部门管理员只能启停本部门的经办人（他部门或非本部门人员答 404，"
                    + "部门管理员账号答 403 ROLE_NOT_GRANTABLE）。停用即结束该账号的全部会话；不能停用自己"
                    + "（409 OWN_ACCESS_UNCHANGEABLE）。每次变更记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "变更后的账号",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentStaffView.class),
                    examples = @ExampleObject(name = "disabled", value = """
                            {"id":31,"username":"zjj-wang","displayName":"王工","roles":["DEPT_HANDLER"],"departmentId":7,\
                            "active":false}""")))
    @APIResponse(responseCode = "403", description = "部门管理员停用部门管理员账号（ROLE_NOT_GRANTABLE）")
    @APIResponse(responseCode = "404", description = "部门或人员不存在，或不是本部门（DEPARTMENT_NOT_FOUND、STAFF_NOT_FOUND）")
    @APIResponse(responseCode = "409", description = "不能停用自己（OWN_ACCESS_UNCHANGEABLE）")
    public Uni<DepartmentStaffView> updateStaff(@RestPath long id, @RestPath long userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DepartmentStaffChange.class),
            examples = @ExampleObject(name = "disable", value = """
                    {"active":false}"""))) @Valid @NotNull DepartmentStaffChange change) {
        return staff.setActive(caller.actor(null), id, userId, change.active());
    }

    @GET
    @Path("/{id}/staff")
    @RolesAllowed({Role.COUNTY_ADMIN, Role.DEPT_ADMIN})
    @Operation(summary = "部门人员列表（COUNTY_ADMIN、本部门 DEPT_ADMIN） (listDepartmentStaff)",
            description = "县级管理员可看任何部门；部门管理员只能看本部门（他部门答 404 DEPARTMENT_NOT_FOUND）。"
                    + "报到时据此指定经办人。")
    @APIResponse(responseCode = "200", description = "部门人员",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DepartmentStaffView.class),
                    examples = @ExampleObject(name = "staff", value = "[" + STAFF + "]")))
    public Uni<List<DepartmentStaffView>> listStaff(@RestPath long id) {
        return staff.list(caller.actor(null), id);
    }
}
