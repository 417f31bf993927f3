package cn.gridgov.party.org;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.web.QueryParams;
import cn.gridgov.party.PartyOrgKind;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The Party tree over HTTP: staff read the organisations of their scope (like regions); admins of a node or above
 * set up, rename, merge and dissolve its organisations and change their secretary.
 */
@Path("/api/v1/party/orgs")
@Produces(MediaType.APPLICATION_JSON)
public class PartyOrgResource {

    static final String BRANCH = """
            {"id":205,"kind":"COMPOUND_BRANCH","name":"幸福里小区党支部","regionId":205,"nodeId":205,"parentId":37,\
            "secretary":"张伟","contact":"0551-62881234","memberCount":26,"status":"ACTIVE","mergedIntoId":null,\
            "coveredRegionIds":[],"version":3}""";
    static final String JOINT = """
            {"id":911,"kind":"JOINT_BRANCH","name":"幸福里东片联合党支部","regionId":null,"nodeId":37,"parentId":37,\
            "secretary":"王芳","contact":null,"memberCount":0,"status":"ACTIVE","mergedIntoId":null,\
            "coveredRegionIds":[205,206],"version":0}""";
    private static final String ERRORS = "不存在或不在辖区内的组织答 404 PARTY_ORG_NOT_FOUND；";

    private final PartyOrgService service;
    private final Caller caller;

    public PartyOrgResource(PartyOrgService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党组织详情（辖区内） (getPartyOrg)",
            description = "工作人员查看辖区内的党组织：类型、书记、联系方式、在册党员数、上级组织、覆盖的节点和版本号。" + ERRORS
                    + "已撤销、已合并的组织仍可查看（status）。")
    @APIResponse(responseCode = "200", description = "党组织", content = @Content(
            schema = @Schema(implementation = PartyOrgView.class), examples = @ExampleObject(name = "branch", value = BRANCH)))
    public Uni<PartyOrgView> get(@PathParam("id") long id) {
        return service.get(id, caller.scopePath());
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党组织列表：按区域、类型筛选，游标分页 (listPartyOrgs)",
            description = "工作人员列出辖区内在册（ACTIVE）的党组织；regionId 限定为该节点及其下级节点上的组织，kind 限定类型。"
                    + "参数不对时 400 BAD_REGIONID、BAD_KIND、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页党组织；nextCursor 为空表示没有更多", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = PartyOrgView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + BRANCH + "," + JOINT + "],\"nextCursor\":null}")))
    public Uni<CursorPage<PartyOrgView>> list(@QueryParam("regionId") String regionId, @QueryParam("kind") String kind,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return service.list(QueryParams.optionalId("regionId", regionId), parseKind(kind), cursor, CursorPage.limit(limit),
                caller.scopePath());
    }

    @GET
    @Path("{id: \\d+}/children")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党组织的直接下级组织（辖区内） (partyOrgChildren)",
            description = "工作人员查看辖区内党组织的直接下级（在册的）：下级节点的组织，以及设在其下的联合、功能型党支部。" + ERRORS)
    @APIResponse(responseCode = "200", description = "直接下级组织", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = PartyOrgView.class),
            examples = @ExampleObject(name = "children", value = "[" + BRANCH + "," + JOINT + "]")))
    public Uni<List<PartyOrgView>> children(@PathParam("id") long id) {
        return service.children(id, caller.scopePath());
    }

    @GET
    @Path("{id: \\d+}/history")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "党组织的变更记录（只增不改） (partyOrgHistory)",
            description = "工作人员查看辖区内党组织经接口做过的每次变更（新建、改名、换书记、合并、撤销），含修改前后、操作人和时间，"
                    + "按发生先后排列，游标分页。区域导入（批量通道）写入的变化不在此记录。" + ERRORS)
    @APIResponse(responseCode = "200", description = "一页变更记录", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = PartyOrgChange.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"id":88,"action":"SECRETARY_CHANGED","actorUserId":17,\
                    "before":{"name":"幸福里小区党支部","secretary":"李红","version":2},\
                    "after":{"name":"幸福里小区党支部","secretary":"张伟","version":3},\
                    "at":"2026-03-01T09:30:00+08:00"}],"nextCursor":null}""")))
    public Uni<CursorPage<PartyOrgChange>> history(@PathParam("id") long id, @QueryParam("cursor") String cursor,
                                                   @QueryParam("limit") String limit) {
        return service.history(id, cursor, CursorPage.limit(limit), caller.scopePath());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "新建党组织（四级组织或联合、功能型党支部） (createPartyOrg)",
            description = "社区、乡镇、县级管理员在辖区内新建党组织，答 201 并在 Location 给出地址。四级组织（乡镇党委、社区党委、"
                    + "小区党支部、楼栋党小组）须给出所领导的节点 regionId，且设在上级节点的组织之下（楼栋党小组在本小区的小区党支部"
                    + "或覆盖本小区的联合党支部之下）；联合、功能型党支部须给出上级社区党委 parentId 和覆盖的本社区小区或楼栋 "
                    + "coveredRegionIds（联合党支部至少两个）。层级不符答 422 INVALID_ORG_STRUCTURE（中文说明规则），"
                    + "节点已有党组织答 409 ORG_EXISTS，节点或上级组织不在辖区内答 404，非管理员答 403。")
    @APIResponse(responseCode = "201", description = "已新建的党组织", content = @Content(
            schema = @Schema(implementation = PartyOrgView.class), examples = @ExampleObject(name = "joint", value = JOINT)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(
                                        schema = @Schema(implementation = PartyOrgRequests.PartyOrgCreate.class),
                                        examples = {@ExampleObject(name = "buildingGroup", value = """
                                                {"kind":"BUILDING_GROUP","regionId":412,"secretary":"赵敏"}"""),
                                                @ExampleObject(name = "jointBranch", value = """
                                                        {"kind":"JOINT_BRANCH","parentId":37,"coveredRegionIds":[205,206],\
                                                        "name":"幸福里东片联合党支部","secretary":"王芳"}""")}))
                                @Valid @NotNull PartyOrgRequests.PartyOrgCreate body) {
        return service.create(caller.actor(null), body)
                .map(view -> Response.created(URI.create("/api/v1/party/orgs/" + view.id())).entity(view).build());
    }

    @PATCH
    @Path("{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "党组织改名、换书记、改联系方式 (updatePartyOrg)",
            description = "该组织所在节点或其上级节点的管理员修改名称、书记或联系方式（只改给出的字段），须带上读到的 version："
                    + "已被他人修改答 409 STALE_VERSION，已撤销或合并答 409 ORG_ENDED。" + ERRORS + "非管理员答 403。记入变更记录。")
    @APIResponse(responseCode = "200", description = "修改后的党组织", content = @Content(
            schema = @Schema(implementation = PartyOrgView.class), examples = @ExampleObject(name = "branch", value = BRANCH)))
    public Uni<PartyOrgView> update(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                            schema = @Schema(implementation = PartyOrgRequests.PartyOrgUpdate.class),
                                            examples = @ExampleObject(name = "newSecretary", value = """
                                                    {"version":2,"secretary":"张伟"}""")))
                                    @Valid @NotNull PartyOrgRequests.PartyOrgUpdate body) {
        return service.update(caller.actor(null), id, body);
    }

    @POST
    @Path("{id: \\d+}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "把党组织合并到同一上级下的同类组织 (mergePartyOrg)",
            description = "管理员把本组织合并到 intoId：党员的组织关系、下级组织和所领导或覆盖的节点都转给目标组织，本组织状态为 MERGED。"
                    + "只能合并同一上级下的同类组织，否则 422 INVALID_ORG_STRUCTURE；version 过期答 409 STALE_VERSION。" + ERRORS
                    + "答合并后的目标组织。")
    @APIResponse(responseCode = "200", description = "合并后的目标组织", content = @Content(
            schema = @Schema(implementation = PartyOrgView.class), examples = @ExampleObject(name = "into", value = BRANCH)))
    public Uni<PartyOrgView> merge(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                           schema = @Schema(implementation = PartyOrgRequests.PartyOrgMerge.class),
                                           examples = @ExampleObject(name = "merge", value = """
                                                   {"version":4,"intoId":205}""")))
                                   @Valid @NotNull PartyOrgRequests.PartyOrgMerge body) {
        return service.merge(caller.actor(null), id, body).chain(from -> service.get(body.intoId(), caller.scopePath()));
    }

    @POST
    @Path("{id: \\d+}/dissolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "撤销党组织 (dissolvePartyOrg)",
            description = "管理员撤销本组织（状态 DISSOLVED，记录保留，节点可再设新组织）。还有下级组织答 409 ORG_HAS_CHILDREN，"
                    + "还有党员组织关系答 409 ORG_HAS_MEMBERS，version 过期答 409 STALE_VERSION。" + ERRORS)
    @APIResponse(responseCode = "200", description = "撤销后的党组织", content = @Content(
            schema = @Schema(implementation = PartyOrgView.class), examples = @ExampleObject(name = "dissolved", value = """
                    {"id":911,"kind":"JOINT_BRANCH","name":"幸福里东片联合党支部","regionId":null,"nodeId":37,"parentId":37,\
                    "secretary":"王芳","contact":null,"memberCount":0,"status":"DISSOLVED","mergedIntoId":null,\
                    "coveredRegionIds":[205,206],"version":1}""")))
    public Uni<PartyOrgView> dissolve(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                              schema = @Schema(implementation = PartyOrgRequests.PartyOrgDissolve.class),
                                              examples = @ExampleObject(name = "dissolve", value = """
                                                      {"version":1,"reason":"片区调整"}""")))
                                      @Valid @NotNull PartyOrgRequests.PartyOrgDissolve body) {
        return service.dissolve(caller.actor(null), id, body);
    }

    private static PartyOrgKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return PartyOrgKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("BAD_KIND", "kind 不是党组织类型：" + kind, "kind is not an organisation kind: " + kind);
        }
    }

}
