package cn.gridgov.region.importing;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.ProblemMapper;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
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
    private final Caller caller;

    public ImportResource(RegionImportService imports, Caller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.ANY_REGION_EDITOR)
    @Operation(summary = "区域导入任务的状态（仅导入者本人及其上级管理员可见） (get)",
            description = "只有发起导入的管理员，以及级别严格更高且辖区包含导入者所在节点的管理员能看到该任务；"
                    + "其他人（同级、别的辖区）答 404 IMPORT_NOT_FOUND，与不存在的任务相同。")
    public Uni<ImportSummary> get(@PathParam("id") String id, @Context HttpHeaders headers) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return imports.find(uuid, caller.actor(null), ProblemMapper.english(headers)).map(summary -> {
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
