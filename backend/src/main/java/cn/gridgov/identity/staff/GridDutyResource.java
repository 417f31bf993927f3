package cn.gridgov.identity.staff;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Who answers for a place: the grid duty chain walked up from a node. */
@Path("/api/v1/grid-duties")
@Tag(name = "staff")
public class GridDutyResource {

    private final StaffService service;
    private final Caller caller;

    public GridDutyResource(StaffService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/responsible")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "某区域的责任人：从该节点向上找到最近的有人值守的节点 (responsible)",
            description = "工作人员可调用：从 regionId 起向上，返回最近一个有人值守（可按 duty 限定职责：GRID_WORKER、"
                    + "BUILDING_LEAD、GRID_LEADER）的节点上的全部责任人；找不到时返回空数组。未知职责答 400 DUTY_UNKNOWN，"
                    + "缺少 regionId 答 400，区域不在本人辖区内答 404 REGION_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "最近有人值守节点上的责任人",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = GridDuty.class),
                    examples = @ExampleObject(name = "duties", value = """
                    [{"regionId":305,"userId":17,"duty":"GRID_WORKER","displayName":"张三"},\
                    {"regionId":305,"userId":23,"duty":"GRID_WORKER","displayName":"李四"}]""")))
    public Uni<List<GridDuty>> responsible(@QueryParam("regionId") @NotNull Long regionId,
                                           @QueryParam("duty") String duty) {
        if (duty != null && !GridDuty.DUTIES.contains(duty)) {
            throw DomainException.badRequest("DUTY_UNKNOWN", "未知职责：" + duty, "Unknown duty: " + duty);
        }
        return service.responsibleFor(caller.actor(null), regionId, duty);
    }
}
