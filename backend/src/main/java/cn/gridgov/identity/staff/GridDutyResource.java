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
    @Operation(summary = "某区域的责任人：从该节点向上找到最近的有人值守的节点 (responsible)")
    public Uni<List<GridDuty>> responsible(@QueryParam("regionId") @NotNull Long regionId,
                                           @QueryParam("duty") String duty) {
        if (duty != null && !GridDuty.DUTIES.contains(duty)) {
            throw DomainException.badRequest("DUTY_UNKNOWN", "未知职责：" + duty, "Unknown duty: " + duty);
        }
        return service.responsibleFor(caller.actor(null), regionId, duty);
    }
}
