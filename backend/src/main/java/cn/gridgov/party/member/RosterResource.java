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

/** The roster (党员名册) of one organisation of the Party tree. */
@Path("/api/v1/party/orgs/{id: \\d+}/roster")
@Produces(MediaType.APPLICATION_JSON)
public class RosterResource {

    private final PartyMemberService service;
    private final Caller caller;

    public RosterResource(PartyMemberService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党组织的党员名册（手机号脱敏） (partyOrgRoster)",
            description = "工作人员查看辖区内党组织的名册：组织关系在本组织的党员（HOME），以及双报到已通过、居住地在本组织所领导或覆盖的"
                    + "节点内的党员（REGISTERED：社区党委含全社区，楼栋党小组含本楼栋）。每名党员一行，按党员 id 游标分页。"
                    + "组织不在辖区内答 404 PARTY_ORG_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "一页名册", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = MemberViews.PartyRosterEntry.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"memberId":501,"name":"陈静","phone":"138****1234","homeOrgId":88,"inService":true,\
                    "relation":"REGISTERED","registrationId":31,"communityId":37,"buildingId":412}],"nextCursor":null}""")))
    public Uni<CursorPage<MemberViews.PartyRosterEntry>> roster(@PathParam("id") long id, @QueryParam("cursor") String cursor,
                                                           @QueryParam("limit") String limit) {
        return service.roster(id, caller.scopePath(), cursor, CursorPage.limit(limit));
    }
}
