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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
    @APIResponse(responseCode = "200", description = "任务状态：PENDING、RUNNING（phase 为 LOADING、CHECKING、WRITING）、"
            + "SUCCEEDED 或 FAILED（errors 列出被拒的要素，message 说明其他原因）",
            content = @Content(schema = @Schema(implementation = ImportSummary.class), examples = {
                    @ExampleObject(name = "running", value = """
                            {"importId":"6d1f0c3a-2b4e-4f7a-9c8d-5e6f7a8b9c0d","state":"RUNNING","phase":"WRITING",\
                            "coordType":"WGS84","total":5400,"loaded":5400,"processed":2000,"created":0,"updated":0}"""),
                    @ExampleObject(name = "failed", value = """
                            {"importId":"6d1f0c3a-2b4e-4f7a-9c8d-5e6f7a8b9c0d","state":"FAILED","phase":"CHECKING",\
                            "coordType":"WGS84","total":5400,"loaded":5400,"processed":0,"created":0,"updated":0,\
                            "errors":[{"index":17,"code":"340104001001001003","reason":"超出上级 340104001001001 的范围（允许误差 2.0 米）"}]}""")}))
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
