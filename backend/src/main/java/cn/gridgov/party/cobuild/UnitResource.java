package cn.gridgov.party.cobuild;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.Map;

import static cn.gridgov.party.cobuild.CobuildExamples.AGREEMENT;
import static cn.gridgov.party.cobuild.CobuildExamples.RESOURCE;
import static cn.gridgov.party.cobuild.CobuildExamples.UNIT;

/** Co-building units over HTTP: registered, read and changed by staff whose scope contains a community they signed with. */
@Path("/api/v1/party/cobuild/units")
@Produces(MediaType.APPLICATION_JSON)
public class UnitResource {

    private static final String UNIT_BODY = """
            {"name":"县供电公司","kind":"ENTERPRISE","creditCode":"91140000MA0K1234XY","address":"县城建设路 18 号",\
            "contactName":"赵强","contactPhone":"13912345678","agreement":{"communityId":37,"signedOn":"2026-01-01",\
            "validUntil":"2026-12-31","communityDuties":"提供党员活动阵地，组织居民参与共建活动",\
            "unitDuties":"每季度开展一次用电安全进社区，为困难户免费检修线路"}}""";
    private static final String NOT_SEEN = "单位与辖区内的社区都没有协议时与不存在的一样答 404 COBUILD_UNIT_NOT_FOUND";

    private final UnitService units;
    private final ResourceService resources;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public UnitResource(UnitService units, ResourceService resources, Caller caller, ClientAddress clientAddress) {
        this.units = units;
        this.resources = resources;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "登记共建单位及其与社区的共建协议 (createCobuildUnit)",
            description = "社区（或上级）管理员登记一个共驻共建单位（机关、事业单位、企业、社会组织）和它与辖区内某社区的共建协议"
                    + "（签约日期、有效期至、双方责任）。联系人手机号加密保存、答复中脱敏。统一社会信用代码已登记答 409 UNIT_EXISTS，"
                    + "社区不在辖区内答 404 COMMUNITY_NOT_FOUND，communityId 不是社区答 400 BAD_COMMUNITY，有效期早于签约日期答 400 "
                    + "AGREEMENT_DATES，日期不在 2000—2099 年答 400 BAD_DATE，字段不对答 400 VALIDATION_FAILED，非管理员答 403。")
    @APIResponse(responseCode = "201", description = "登记的单位（含本辖区内的协议和资源）", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildUnitView.class), examples = @ExampleObject(name = "unit", value = UNIT)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(
                                        schema = @Schema(implementation = CobuildRequests.CobuildNewUnit.class),
                                        examples = @ExampleObject(name = "unit", value = UNIT_BODY)))
                                @Valid @NotNull CobuildRequests.CobuildNewUnit body) {
        return units.create(caller.actor(null), body)
                .map(u -> Response.created(URI.create("/api/v1/party/cobuild/units/" + u.id())).entity(u).build());
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "共建单位详情（辖区内） (getCobuildUnit)",
            description = "工作人员查看与辖区内社区签有协议的单位：联系人（手机号脱敏）、辖区内社区的协议（含即将到期标记）和提供的资源；"
                    + NOT_SEEN + "。")
    @APIResponse(responseCode = "200", description = "共建单位", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildUnitView.class), examples = @ExampleObject(name = "unit", value = UNIT)))
    public Uni<CobuildViews.CobuildUnitView> get(@PathParam("id") long id) {
        return units.get(caller.actor(null), id);
    }

    @PUT
    @Path("{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "修改共建单位信息（带版本号） (updateCobuildUnit)",
            description = "管理员修改单位名称、类型、信用代码、地址和联系人；contactPhone 不填则不变，换号后原联系人的小程序关联解除。"
                    + "version 过期答 409 STALE_VERSION，信用代码与其他单位重复答 409 UNIT_EXISTS，" + NOT_SEEN + "，非管理员答 403。")
    @APIResponse(responseCode = "200", description = "修改后的单位", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildUnitView.class), examples = @ExampleObject(name = "unit", value = UNIT)))
    public Uni<CobuildViews.CobuildUnitView> update(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                        schema = @Schema(implementation = CobuildRequests.CobuildUnitUpdate.class),
                                                        examples = @ExampleObject(name = "update", value = """
                                                                {"version":0,"name":"国网某县供电公司","kind":"ENTERPRISE",\
                                                                "creditCode":"91140000MA0K1234XY","address":"县城建设路 18 号",\
                                                                "contactName":"钱敏","contactPhone":"13987654321"}""")))
                                                    @Valid @NotNull CobuildRequests.CobuildUnitUpdate body) {
        return units.update(caller.actor(null), id, body);
    }

    @GET
    @Path("{id: \\d+}/contact-phone")
    @RolesAllowed(Role.ANY_LEADER)
    @Operation(summary = "查看共建单位联系人完整手机号（记录审计日志） (cobuildContactPhone)",
            description = "网格长和管理员查看辖区内单位联系人的完整手机号，可用 reason 说明用途（最长 200 字）；每次查看都记入个人信息查看"
                    + "审计日志。其他角色答 403，" + NOT_SEEN + "。")
    @APIResponse(responseCode = "200", description = "完整手机号", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class),
            examples = @ExampleObject(name = "phone", value = "{\"phone\":\"13912345678\"}")))
    public Uni<Map<String, String>> contactPhone(@PathParam("id") long id,
                                                 @QueryParam("reason") @Size(max = 200) String reason,
                                                 @Context HttpServerRequest request) {
        return units.revealContactPhone(caller.actor(clientAddress.of(request)), id, reason).map(p -> Map.of("phone", p));
    }

    @POST
    @Path("{id: \\d+}/agreements")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "共建单位与另一社区签约 (addCobuildAgreement)",
            description = "一个单位可与多个社区分别签约：管理员为看得到的单位添加与辖区内另一社区的协议。同一单位与同一社区已有协议答 409 "
                    + "AGREEMENT_EXISTS，社区不在辖区内答 404 COMMUNITY_NOT_FOUND，有效期早于签约日期答 400 AGREEMENT_DATES，日期不在 2000—2099 年答 400 BAD_DATE，"
                    + NOT_SEEN + "，非管理员答 403。")
    @APIResponse(responseCode = "201", description = "新的协议", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildAgreementView.class),
            examples = @ExampleObject(name = "agreement", value = AGREEMENT)))
    public Uni<Response> addAgreement(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                              schema = @Schema(implementation = CobuildRequests.CobuildAgreementInput.class),
                                              examples = @ExampleObject(name = "agreement", value = """
                                                      {"communityId":38,"signedOn":"2026-03-01","validUntil":"2027-02-28",\
                                                      "communityDuties":"提供场地","unitDuties":"每月一次志愿服务"}""")))
                                      @Valid @NotNull CobuildRequests.CobuildAgreementInput body) {
        return units.addAgreement(caller.actor(null), id, body)
                .map(a -> Response.created(URI.create("/api/v1/party/cobuild/agreements/" + a.id())).entity(a).build());
    }

    @POST
    @Path("{id: \\d+}/resources")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "登记共建单位提供的资源或服务 (addCobuildResource)",
            description = "管理员登记单位提供的场地、设备、志愿服务或资金，写明容量（数额）和可用时间。" + NOT_SEEN
                    + "，字段不对答 400 VALIDATION_FAILED，非管理员答 403。")
    @APIResponse(responseCode = "201", description = "登记的资源", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildResourceView.class),
            examples = @ExampleObject(name = "resource", value = RESOURCE)))
    public Uni<Response> addResource(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                             schema = @Schema(implementation = CobuildRequests.CobuildResourceInput.class),
                                             examples = @ExampleObject(name = "resource", value = """
                                                     {"kind":"VENUE","name":"职工活动中心多功能厅","capacity":"可容纳 80 人",\
                                                     "availability":"每周六、周日 9:00-17:00"}""")))
                                     @Valid @NotNull CobuildRequests.CobuildResourceInput body) {
        return resources.add(caller.actor(null), id, body)
                .map(r -> Response.created(URI.create("/api/v1/party/cobuild/units/" + r.unitId())).entity(r).build());
    }
}
