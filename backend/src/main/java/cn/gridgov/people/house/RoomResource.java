package cn.gridgov.people.house;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;

/** Rooms (房屋) and the households living in them, for staff in scope. */
@Path("/api/v1/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {

    private final HouseService houses;
    private final Caller caller;

    public RoomResource(HouseService houses, Caller caller) {
        this.houses = houses;
        this.caller = caller;
    }

    /** The body of a new household, or of a label change (with the version read). */
    @Schema(name = "PeopleHouseholdRequest")
    public record HouseholdRequest(@Schema(description = "户的标签（同一房屋多户时区分，可不填）", nullable = true,
            example = "东户") String label, @Schema(description = "修改时必填：读取时的版本号", nullable = true) Integer version) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "房屋详情（辖区内） (room)", description = "辖区外与不存在的房屋一样答 404 ROOM_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "房屋", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RoomView.class),
            examples = @ExampleObject(name = "room", value = BuildingPeopleResource.ROOM)))
    public Uni<RoomView> get(@Parameter(description = "房屋编号", example = "5101") @RestPath long id) {
        return houses.room(caller.actor(null), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "修改房屋（单元、房号、楼层、面积、用途） (updateRoom)",
            description = "整体替换各字段，须带读取时的 version；已被他人修改 409 STALE_VERSION；辖区外或不存在 404 ROOM_NOT_FOUND；"
                    + "字段有误 400 VALIDATION_FAILED；房号重复 409 ROOM_NUMBER_TAKEN。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RoomRequest.class), examples = @ExampleObject(name = "vacant", value = """
            {"unitName":"1单元","number":"302","floor":3,"areaM2":88.5,"use":"VACANT","version":0}""")))
    @APIResponse(responseCode = "200", description = "修改后的房屋", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RoomView.class),
            examples = @ExampleObject(name = "room", value = BuildingPeopleResource.ROOM)))
    public Uni<RoomView> update(@Parameter(description = "房屋编号", example = "5101") @RestPath long id,
                                @NotNull RoomRequest body) {
        return houses.updateRoom(caller.actor(null), id, body);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "删除房屋（连同其住户和人员） (deleteRoom)",
            description = "须带读取时的 version；已被他人修改 409 STALE_VERSION；辖区外或不存在 404 ROOM_NOT_FOUND；"
                    + "version 缺失或不是整数 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "204", description = "已删除")
    public Uni<Void> delete(@Parameter(description = "房屋编号", example = "5101") @RestPath long id,
                            @Parameter(description = "读取时的版本号", example = "0") @RestQuery String version) {
        return houses.deleteRoom(caller.actor(null), id, Versions.required(version));
    }

    @POST
    @Path("{id}/households")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "在房屋中新建住户 (createHousehold)",
            description = "房屋不在辖区内 404 ROOM_NOT_FOUND；同一房屋已有同一标签的住户 409 HOUSEHOLD_LABEL_TAKEN；"
                    + "标签过长 400 VALIDATION_FAILED。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HouseholdRequest.class),
            examples = @ExampleObject(name = "household", value = "{\"label\":null}")))
    @APIResponse(responseCode = "201", description = "已新建；Location 为该住户", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HouseholdView.class),
            examples = @ExampleObject(name = "household", value = BuildingPeopleResource.HOUSEHOLD)))
    public Uni<Response> createHousehold(@Parameter(description = "房屋编号", example = "5101") @RestPath long id,
                                         @NotNull HouseholdRequest body) {
        return houses.createHousehold(caller.actor(null), id, body.label())
                .map(h -> Response.created(URI.create("/api/v1/households/" + h.id())).entity(h).build());
    }
}
