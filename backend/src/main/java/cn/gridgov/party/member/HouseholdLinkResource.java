package cn.gridgov.party.member;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** Party member household links (党员联户) over HTTP: admins link members in their scope to households near their home. */
@Path("/api/v1/party/members/{id: \\d+}/households")
@Produces(MediaType.APPLICATION_JSON)
public class HouseholdLinkResource {

    static final String LINKED = """
            [{"householdId":3301,"roomId":8801,"roomNumber":"302","label":null,"buildingId":412,"buildingName":"幸福里3栋"}]""";

    private final HouseholdLinkService service;
    private final Caller caller;

    public HouseholdLinkResource(HouseholdLinkService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    /** The household to link. */
    public record HouseholdLinkRequest(@NotNull(message = "请选择要联系的户 householdId") Long householdId) {
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党员联系的住户 (partyMemberHouseholds)",
            description = "工作人员查看辖区内党员联系的住户（党员联户，不含个人信息）；党员不在辖区内答 404 PARTY_MEMBER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "联系的住户", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = LinkedHousehold.class),
            examples = @ExampleObject(name = "linked", value = LINKED)))
    public Uni<List<LinkedHousehold>> list(@PathParam("id") long id) {
        return service.ofMember(caller.actor(null), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "为党员添加联系户 (linkPartyMemberHousehold)",
            description = "管理员把辖区内的党员与其所住楼栋或所在小区的一户关联（以党员已通过的双报到登记的楼栋为准），每名党员最多 "
                    + "gridgov.party.household-links-max 户（默认 10）。超过上限答 409 TOO_MANY_HOUSEHOLDS，未登记居住楼栋答 422 "
                    + "NO_HOME_BUILDING，不在同一楼栋或小区答 422 HOUSEHOLD_TOO_FAR，党员或住户不在辖区内答 404。已关联的再次关联不变。"
                    + "答党员现在联系的全部住户。")
    @APIResponse(responseCode = "200", description = "党员现在联系的住户", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = LinkedHousehold.class),
            examples = @ExampleObject(name = "linked", value = LINKED)))
    public Uni<List<LinkedHousehold>> link(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                   schema = @Schema(implementation = HouseholdLinkRequest.class),
                                                   examples = @ExampleObject(name = "link", value = "{\"householdId\":3301}")))
                                           @Valid @NotNull HouseholdLinkRequest body) {
        return service.link(caller.actor(null), id, body.householdId());
    }

    @DELETE
    @Path("{householdId: \\d+}")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "取消党员的联系户 (unlinkPartyMemberHousehold)",
            description = "管理员取消辖区内党员与一户的关联，答 204；未关联答 404 HOUSEHOLD_LINK_NOT_FOUND，党员不在辖区内答 404。")
    @APIResponse(responseCode = "204", description = "已取消")
    public Uni<Response> unlink(@PathParam("id") long id, @PathParam("householdId") long householdId) {
        return service.unlink(caller.actor(null), id, householdId).map(v -> Response.noContent().build());
    }
}
