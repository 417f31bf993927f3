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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.List;

/** Incident categories: the tree for everyone, changes for the county administration. */
@Path("/api/v1/categories")
public class CategoryResource {

    private final CategoryService service;

    public CategoryResource(CategoryService service) {
        this.service = service;
    }

    @GET
    @PermitAll
    @Operation(summary = "事件分类树（大类及其小类） (tree)")
    public Uni<List<CategoryView>> tree(@RestQuery boolean includeInactive) {
        return service.tree(includeInactive);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "新建大类（无 parentCode）或大类下的小类（COUNTY_ADMIN） (create)")
    public Uni<Response> create(@Valid @NotNull CategoryInput input) {
        return service.create(input)
                .map(c -> Response.created(URI.create("/api/v1/categories/" + c.code())).entity(c).build());
    }

    @PUT
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}")
    @Operation(summary = "修改名称、处置层级、时限或排序（COUNTY_ADMIN） (update)")
    public Uni<CategoryView> update(@RestPath String code, @Valid @NotNull CategoryInput input) {
        return service.update(code, input);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}/deactivate")
    @Operation(summary = "停用分类：新上报不再可选，已有事件保留（COUNTY_ADMIN） (deactivate)")
    public Uni<CategoryView> deactivate(@RestPath String code) {
        return service.setActive(code, false);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}/activate")
    @Operation(summary = "重新启用已停用的分类（COUNTY_ADMIN） (activate)")
    public Uni<CategoryView> activate(@RestPath String code) {
        return service.setActive(code, true);
    }
}
