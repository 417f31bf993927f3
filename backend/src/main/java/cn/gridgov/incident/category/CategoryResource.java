package cn.gridgov.incident.category;

import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.List;

/** Incident categories: the tree for everyone, changes for the county administration. */
@Path("/api/v1/categories")
public class CategoryResource {

    private static final String CATEGORY = """
            {"code":"0105","name":"消防通道堵塞","parentCode":"01","handlingLevel":"COMMUNITY",\
            "deadline":{"amount":4,"unit":"WORKING_HOURS"},"active":true,"sortOrder":5,"version":0,"children":[]}""";

    private static final String INPUT = """
            {"code":"0105","name":"消防通道堵塞","parentCode":"01","handlingLevel":"COMMUNITY","deadlineAmount":4,\
            "deadlineUnit":"WORKING_HOURS","sortOrder":5}""";

    private final CategoryService service;

    public CategoryResource(CategoryService service) {
        this.service = service;
    }

    @GET
    @PermitAll
    @Operation(summary = "事件分类树（大类及其小类） (tree)",
            description = "无需登录，上报页面据此选择分类；默认只含启用的分类，includeInactive=true 时也含已停用的（供管理页面）。")
    @APIResponse(responseCode = "200", description = "大类及其小类，按 sortOrder 排序",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CategoryView.class),
                    examples = @ExampleObject(name = "tree", value = """
                            [{"code":"01","name":"公共设施","handlingLevel":"COMMUNITY",\
                            "deadline":{"amount":3,"unit":"WORKING_DAYS"},"active":true,"sortOrder":1,"version":0,\
                            "children":[{"code":"0101","name":"井盖破损或缺失","parentCode":"01",\
                            "handlingLevel":"COMMUNITY","deadline":{"amount":4,"unit":"WORKING_HOURS"},"active":true,\
                            "sortOrder":1,"version":0,"children":[]}]}]""")))
    public Uni<List<CategoryView>> tree(@RestQuery boolean includeInactive) {
        return service.tree(includeInactive);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "新建大类（无 parentCode）或大类下的小类（COUNTY_ADMIN） (create)",
            description = "仅县级管理员。小类编码须以大类编码开头（400 CATEGORY_CODE_PREFIX），上级须为大类"
                    + "（400 CATEGORY_PARENT_INVALID），编码已被使用答 409 CATEGORY_CODE_TAKEN，时限过长答 400 "
                    + "CATEGORY_DEADLINE_TOO_LONG。")
    @APIResponse(responseCode = "201", description = "已新建；Location 为该分类",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CategoryView.class),
                    examples = @ExampleObject(name = "category", value = CATEGORY)))
    public Uni<Response> create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CategoryInput.class),
            examples = @ExampleObject(name = "category", value = INPUT))) @Valid @NotNull CategoryInput input) {
        return service.create(input)
                .map(c -> Response.created(URI.create("/api/v1/categories/" + c.code())).entity(c).build());
    }

    @PUT
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}")
    @Operation(summary = "修改名称、处置层级、时限或排序（COUNTY_ADMIN） (update)",
            description = "仅县级管理员；请求中的 code 和 parentCode 被忽略，给出的 version 须为当前版本（否则 409 STALE_VERSION）。"
                    + "不存在的分类答 404 CATEGORY_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "修改后的分类",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CategoryView.class),
                    examples = @ExampleObject(name = "category", value = """
                            {"code":"0105","name":"消防通道堵塞","parentCode":"01","handlingLevel":"COMMUNITY",\
                            "deadline":{"amount":2,"unit":"WORKING_HOURS"},"active":true,"sortOrder":5,"version":1,\
                            "children":[]}""")))
    public Uni<CategoryView> update(@RestPath String code,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CategoryInput.class),
            examples = @ExampleObject(name = "category", value = """
                    {"name":"消防通道堵塞","handlingLevel":"COMMUNITY","deadlineAmount":2,\
                    "deadlineUnit":"WORKING_HOURS","sortOrder":5,"version":0}"""))) @Valid @NotNull CategoryInput input) {
        return service.update(code, input);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}/deactivate")
    @Operation(summary = "停用分类：新上报不再可选，已有事件保留（COUNTY_ADMIN） (deactivate)",
            description = "仅县级管理员；停用后上报该分类答 400 CATEGORY_NOT_REPORTABLE，已有事件照常处置。"
                    + "不存在的分类答 404 CATEGORY_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "停用后的分类",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CategoryView.class),
                    examples = @ExampleObject(name = "category", value = """
                            {"code":"0105","name":"消防通道堵塞","parentCode":"01","handlingLevel":"COMMUNITY",\
                            "deadline":{"amount":4,"unit":"WORKING_HOURS"},"active":false,"sortOrder":5,"version":1,\
                            "children":[]}""")))
    public Uni<CategoryView> deactivate(@RestPath String code) {
        return service.setActive(code, false);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}/activate")
    @Operation(summary = "重新启用已停用的分类（COUNTY_ADMIN） (activate)",
            description = "仅县级管理员；启用后该分类重新可以上报。不存在的分类答 404 CATEGORY_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "启用后的分类",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CategoryView.class),
                    examples = @ExampleObject(name = "category", value = """
                            {"code":"0105","name":"消防通道堵塞","parentCode":"01","handlingLevel":"COMMUNITY",\
                            "deadline":{"amount":4,"unit":"WORKING_HOURS"},"active":true,"sortOrder":5,"version":2,\
                            "children":[]}""")))
    public Uni<CategoryView> activate(@RestPath String code) {
        return service.setActive(code, true);
    }
}
