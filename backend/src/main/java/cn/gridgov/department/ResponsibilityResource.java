package cn.gridgov.department;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

/** The responsibility list (权责清单): which department leads and which support, per category. */
@Path("/api/v1/responsibilities")
@Tag(name = "departments")
public class ResponsibilityResource {

    static final String ENTRY = """
            {"categoryCode":"0202","categoryName":"私搭乱建","lead":{"id":8,"code":"CGJ","name":"县城管局"},\
            "supporters":[{"id":7,"code":"ZJJ","name":"县住建局"}],"legalBasis":"《城乡规划法》第六十四条",\
            "responseHours":2,"version":3,"changedBy":5,"changedAt":"2026-12-02T09:30:00+08:00"}""";

    private final ResponsibilityService service;
    private final Caller caller;

    public ResponsibilityResource(ResponsibilityService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "权责清单：各分类的牵头与配合部门 (listResponsibilities)",
            description = "所有工作人员（含部门人员）可读；只列出已有清单的分类，按分类编码排序。")
    @APIResponse(responseCode = "200", description = "各分类的当前清单",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ResponsibilityView.class),
                    examples = @ExampleObject(name = "list", value = "[" + ENTRY + "]")))
    public Uni<List<ResponsibilityView>> list() {
        return service.all();
    }

    @GET
    @Path("/{categoryCode}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "某分类的权责清单 (getResponsibility)",
            description = "所有工作人员可读；分类不存在答 404 CATEGORY_NOT_FOUND，该分类尚无清单答 404 RESPONSIBILITY_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "当前清单",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResponsibilityView.class),
                    examples = @ExampleObject(name = "entry", value = ENTRY)))
    public Uni<ResponsibilityView> get(@RestPath String categoryCode) {
        return service.get(categoryCode);
    }

    @GET
    @Path("/{categoryCode}/versions")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "某分类权责清单的历次版本（谁、何时修改） (listResponsibilityVersions)",
            description = "所有工作人员可读，最新版本在前；分类不存在答 404 CATEGORY_NOT_FOUND，无清单时为空数组。")
    @APIResponse(responseCode = "200", description = "历次版本",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ResponsibilityView.class),
                    examples = @ExampleObject(name = "versions", value = "[" + ENTRY + "]")))
    public Uni<List<ResponsibilityView>> versions(@RestPath String categoryCode) {
        return service.versions(categoryCode);
    }

    @PUT
    @Path("/{categoryCode}")
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "设定某分类的权责清单，生成新版本（COUNTY_ADMIN） (putResponsibility)",
            description = "仅县级管理员。departments 中须有且只有一个 LEAD（牵头），其余为 SUPPORT（配合），"
                    + "否则 400 RESPONSIBILITY_ONE_LEAD；同一部门重复答 400 RESPONSIBILITY_DEPARTMENT_REPEATED；"
                    + "部门不存在或已停用答 400 DEPARTMENT_UNKNOWN。version 为读到的版本（新建时为 0），"
                    + "不一致答 409 STALE_VERSION。responseHours 为部门报到时限（工作小时，默认 2）。")
    @APIResponse(responseCode = "200", description = "新版本",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResponsibilityView.class),
                    examples = @ExampleObject(name = "entry", value = ENTRY)))
    public Uni<ResponsibilityView> put(@RestPath String categoryCode,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponsibilityInput.class),
            examples = @ExampleObject(name = "entry", value = """
                    {"departments":[{"departmentId":8,"role":"LEAD"},{"departmentId":7,"role":"SUPPORT"}],\
                    "legalBasis":"《城乡规划法》第六十四条","responseHours":2,"version":2}"""))) @Valid @NotNull ResponsibilityInput input) {
        return service.put(caller.actor(null), categoryCode, input);
    }
}
