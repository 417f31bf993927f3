package cn.gridgov.incident.category;

import cn.gridgov.identity.Role;
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
    @Operation(summary = "The category tree (groups with their categories)")
    public Uni<List<CategoryView>> tree(@RestQuery boolean includeInactive) {
        return service.tree(includeInactive);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "Create a group (no parentCode) or a category under a group (COUNTY_ADMIN)")
    public Uni<Response> create(@Valid @NotNull CategoryInput input) {
        return service.create(input)
                .map(c -> Response.created(URI.create("/api/v1/categories/" + c.code())).entity(c).build());
    }

    @PUT
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}")
    @Operation(summary = "Change name, handling level, deadline or order (COUNTY_ADMIN)")
    public Uni<CategoryView> update(@RestPath String code, @Valid @NotNull CategoryInput input) {
        return service.update(code, input);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}/deactivate")
    @Operation(summary = "Stop offering a category for new reports (COUNTY_ADMIN); existing incidents keep it")
    public Uni<CategoryView> deactivate(@RestPath String code) {
        return service.setActive(code, false);
    }

    @POST
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/{code}/activate")
    @Operation(summary = "Offer a deactivated category again (COUNTY_ADMIN)")
    public Uni<CategoryView> activate(@RestPath String code) {
        return service.setActive(code, true);
    }
}
