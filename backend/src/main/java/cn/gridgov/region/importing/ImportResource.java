package cn.gridgov.region.importing;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.ProblemMapper;
import cn.gridgov.identity.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/** The state of a region import job: {@code GET /api/v1/imports/{id}}. */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final RegionImportService imports;

    public ImportResource(RegionImportService imports) {
        this.imports = imports;
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.ANY_REGION_EDITOR)
    public Uni<ImportSummary> get(@PathParam("id") String id, @Context HttpHeaders headers) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return imports.find(uuid, ProblemMapper.english(headers)).map(summary -> {
            if (summary == null) {
                throw notFound(id);
            }
            return summary;
        });
    }

    private static DomainException notFound(String id) {
        return DomainException.notFound("Import", "导入任务", id);
    }
}
