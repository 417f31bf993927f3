package cn.gridgov.party.cobuild;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.web.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Locale;

import static cn.gridgov.party.cobuild.CobuildExamples.AGREEMENT;
import static cn.gridgov.party.cobuild.CobuildExamples.RESOURCE;

/** A community's list of co-building agreements, an agreement's renewal and end, and a resource's changes, over HTTP. */
@Path("/api/v1/party/cobuild")
@Produces(MediaType.APPLICATION_JSON)
public class AgreementResource {

    private static final String NOT_SEEN = "社区不在辖区内的协议与不存在的一样答 404 COBUILD_AGREEMENT_NOT_FOUND";

    private final AgreementService agreements;
    private final ResourceService resources;
    private final Caller caller;

    public AgreementResource(AgreementService agreements, ResourceService resources, Caller caller) {
        this.agreements = agreements;
        this.resources = resources;
        this.caller = caller;
    }

    @GET
    @Path("agreements")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "社区的共建单位名录（按协议），可只看即将到期的，游标分页 (listCobuildAgreements)",
            description = "工作人员列出辖区内社区的共建协议，每条带单位名称、类型、联系人（手机号脱敏）、有效期和 expiringSoon"
                    + "（距有效期最后一天不超过 30 天且未过期）、expired、daysLeft。可按 communityId、kind（单位类型）筛选，"
                    + "expiringSoon=true 只列即将到期的有效协议。参数不对答 400 BAD_COMMUNITYID、BAD_KIND、BAD_EXPIRINGSOON、"
                    + "BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页协议；" + CobuildExamples.PAGE_NOTE, content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = CobuildViews.CobuildAgreementView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + AGREEMENT + "],\"nextCursor\":null}")))
    public Uni<CursorPage<CobuildViews.CobuildAgreementView>> list(@QueryParam("communityId") String communityId,
                                                                   @QueryParam("kind") String kind,
                                                                   @QueryParam("expiringSoon") String expiringSoon,
                                                                   @QueryParam("cursor") String cursor,
                                                                   @QueryParam("limit") String limit) {
        return agreements.list(caller.actor(null), QueryParams.optionalId("communityId", communityId), kind(kind),
                flag("expiringSoon", expiringSoon), cursor, CursorPage.limit(limit));
    }

    @GET
    @Path("agreements/{id: \\d+}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "共建协议详情（辖区内） (getCobuildAgreement)",
            description = "工作人员查看辖区内社区的一份共建协议（含即将到期标记）；" + NOT_SEEN + "。")
    @APIResponse(responseCode = "200", description = "共建协议", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildAgreementView.class),
            examples = @ExampleObject(name = "agreement", value = AGREEMENT)))
    public Uni<CobuildViews.CobuildAgreementView> get(@PathParam("id") long id) {
        return agreements.get(caller.actor(null), id);
    }

    @PUT
    @Path("agreements/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "续签或修改共建协议（带版本号） (updateCobuildAgreement)",
            description = "社区（或上级）管理员修改协议的签约日期、有效期至和双方责任（续签即延长有效期）。version 过期答 409 "
                    + "STALE_VERSION，有效期早于签约日期答 400 AGREEMENT_DATES，日期不在 2000—2099 年答 400 BAD_DATE，" + NOT_SEEN + "，非管理员答 403。")
    @APIResponse(responseCode = "200", description = "修改后的协议", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildAgreementView.class),
            examples = @ExampleObject(name = "agreement", value = AGREEMENT)))
    public Uni<CobuildViews.CobuildAgreementView> update(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                             schema = @Schema(implementation = CobuildRequests.CobuildAgreementUpdate.class),
                                                             examples = @ExampleObject(name = "renew", value = """
                                                                     {"version":0,"signedOn":"2026-01-01","validUntil":"2027-12-31",\
                                                                     "communityDuties":"提供党员活动阵地","unitDuties":"每季度一次用电安全进社区"}""")))
                                                         @Valid @NotNull CobuildRequests.CobuildAgreementUpdate body) {
        return agreements.update(caller.actor(null), id, body);
    }

    @POST
    @Path("agreements/{id: \\d+}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "提前终止共建协议（须写原因） (endCobuildAgreement)",
            description = "社区（或上级）管理员提前终止有效的协议，须写原因；终止后不能再发起资源共享。已终止答 409 AGREEMENT_ENDED，"
                    + "version 过期答 409 STALE_VERSION，" + NOT_SEEN + "，非管理员答 403。")
    @APIResponse(responseCode = "200", description = "已终止的协议", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildAgreementView.class),
            examples = @ExampleObject(name = "agreement", value = AGREEMENT)))
    public Uni<CobuildViews.CobuildAgreementView> end(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                          schema = @Schema(implementation = CobuildRequests.CobuildAgreementEnd.class),
                                                          examples = @ExampleObject(name = "end", value = """
                                                                  {"version":1,"reason":"单位搬迁出本县"}""")))
                                                      @Valid @NotNull CobuildRequests.CobuildAgreementEnd body) {
        return agreements.end(caller.actor(null), id, body);
    }

    @PUT
    @Path("resources/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "修改共建资源（带版本号） (updateCobuildResource)",
            description = "管理员修改单位提供的资源（类型、名称、容量、可用时间，active=false 表示暂停提供）。缺少 version 答 400 "
                    + "VERSION_REQUIRED，version 过期答 409 STALE_VERSION，单位不在辖区内答 404 COBUILD_RESOURCE_NOT_FOUND，非管理员答 403。")
    @APIResponse(responseCode = "200", description = "修改后的资源", content = @Content(
            schema = @Schema(implementation = CobuildViews.CobuildResourceView.class),
            examples = @ExampleObject(name = "resource", value = RESOURCE)))
    public Uni<CobuildViews.CobuildResourceView> updateResource(@PathParam("id") long id, @RequestBody(required = true, content = @Content(
                                                                    schema = @Schema(implementation = CobuildRequests.CobuildResourceInput.class),
                                                                    examples = @ExampleObject(name = "resource", value = """
                                                                            {"version":0,"kind":"VENUE","name":"职工活动中心多功能厅",\
                                                                            "capacity":"可容纳 60 人","availability":"每周六 9:00-12:00","active":true}""")))
                                                                @Valid @NotNull CobuildRequests.CobuildResourceInput body) {
        return resources.update(caller.actor(null), id, body);
    }

    private static UnitKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return UnitKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw cn.gridgov.common.error.DomainException.badRequest("BAD_KIND",
                    "kind 只能是 AGENCY、PUBLIC_INSTITUTION、ENTERPRISE 或 SOCIAL_ORGANISATION：" + kind,
                    "kind must be AGENCY, PUBLIC_INSTITUTION, ENTERPRISE or SOCIAL_ORGANISATION: " + kind);
        }
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw cn.gridgov.common.error.DomainException.badRequest("BAD_" + name.toUpperCase(Locale.ROOT),
                    name + " 只能是 true 或 false：" + value, name + " must be true or false: " + value);
        };
    }
}
