package cn.gridgov.party.member;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The households of an organisation's node(s) that no Party member looks after (党员联户的空白户). */
@Path("/api/v1/party/orgs/{id: \\d+}/unlinked-households")
@Produces(MediaType.APPLICATION_JSON)
public class UnlinkedHouseholdsResource {

    private final HouseholdLinkService service;
    private final Caller caller;

    public UnlinkedHouseholdsResource(HouseholdLinkService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党组织范围内尚无党员联系的住户 (partyOrgUnlinkedHouseholds)",
            description = "工作人员查看辖区内党组织所领导或覆盖的节点里，还没有党员联系的住户，按户 id 游标分页（名册的补充）。"
                    + "组织不在辖区内答 404 PARTY_ORG_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "一页无人联系的住户", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = LinkedHousehold.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":" + HouseholdLinkResource.LINKED
                    + ",\"nextCursor\":null}")))
    public Uni<CursorPage<LinkedHousehold>> unlinked(@PathParam("id") long id, @QueryParam("cursor") String cursor,
                                                     @QueryParam("limit") String limit) {
        return service.unlinked(id, caller.scopePath(), cursor, CursorPage.limit(limit));
    }
}
