package cn.gridgov.people.visit;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.incident.IncidentQueries;
import cn.gridgov.incident.IncidentView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.List;

/** Key-group visits (重点人群走访) over HTTP: due lists, visit records, follow-ups to incidents, the county's intervals. */
@Path("/api/v1/visits")
@Produces(MediaType.APPLICATION_JSON)
public class VisitResource {

    private static final String DUE = """
            {"householdId":5012,"buildingId":301,"buildingName":"幸福里3号楼","unitName":"1单元","roomNumber":"302",\
            "label":null,"kinds":["ELDERLY_ALONE"],"intervalDays":7,"lastVisitAt":"2026-03-01T10:00:00+08:00",\
            "nextDueAt":"2026-03-08T10:00:00+08:00","overdueDays":3,"supervision":"RED","pressedLevel":1}""";

    private static final String VISIT = """
            {"id":88,"householdId":5012,"buildingId":301,"visitorId":12,"visitedAt":"2026-03-11T09:30:00+08:00",\
            "mode":"HOME","modeName":"上门","situation":"老人身体尚可，冰箱有菜","followUp":"楼道灯坏了，夜里看不清",\
            "lng":117.2810,"lat":31.8600,"coordType":"gcj02","distanceMetres":12.4,"farFromBuilding":false,\
            "mediaIds":["7d3f4c1e-2b1a-4f0e-9a63-1c2d3e4f5a6b"],"incidentId":null,\
            "createdAt":"2026-03-11T09:31:02+08:00"}""";

    private static final String RULES = """
            [{"kind":"DISABLED","kindName":"残疾人","intervalDays":14,"custom":false,"defaultDays":14},\
            {"kind":"ELDERLY_ALONE","kindName":"独居老人","intervalDays":5,"custom":true,"defaultDays":7},\
            {"kind":"LEFT_BEHIND_CHILD","kindName":"留守儿童","intervalDays":14,"custom":false,"defaultDays":14},\
            {"kind":"LOW_INCOME","kindName":"低保户","intervalDays":30,"custom":false,"defaultDays":30}]""";

    private static final String INCIDENT = """
            {"id":1024,"categoryCode":"0301","categoryName":"路灯损坏","source":"VISIT","status":"REPORTED",\
            "description":"楼道灯坏了，夜里看不清"}""";

    private final VisitService visits;
    private final IncidentQueries incidents;
    private final Caller caller;

    public VisitResource(VisitService visits, IncidentQueries incidents, Caller caller) {
        this.visits = visits;
        this.incidents = incidents;
        this.caller = caller;
    }

    @GET
    @Path("due")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "待走访清单（超期最久的在前），游标分页 (visitsDue)",
            description = "本人辖区（账号绑定节点之下）内有重点人群的户，按下次应走访时间排序：超期最久的在前。"
                    + "下次应走访时间 = 上次走访 + 走访周期（户内各类别周期中最短的；从未走访的户自列入重点人群起即到期）。"
                    + "overdueDays 按北京时间的日期计：正数为已超期天数。withinDays（可选，0 到 366）只列出今天起若干天内到期的户。"
                    + "supervision 为督办状态（YELLOW 即将超期、RED 已超期），pressedLevel 为已督办到上面第几级。"
                    + "参数不对时 400 BAD_CURSOR、BAD_LIMIT 或 BAD_WITHIN_DAYS。")
    @APIResponse(responseCode = "200", description = "一页待走访的户",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = VisitDue.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + DUE + "],\"nextCursor\":null}")))
    public Uni<CursorPage<VisitDue>> due(@Parameter(description = "上一页答复的 nextCursor") @RestQuery String cursor,
                                         @Parameter(description = "每页条数（1 到 200，默认 20）") @RestQuery String limit,
                                         @Parameter(description = "只列出今天起这么多天内到期的（0：今天到期和已超期的）",
                                                 example = "0") @RestQuery String withinDays) {
        return visits.due(caller.actor(null), cursor, limit, withinDays);
    }

    @GET
    @Path("due/{householdId}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "一户的走访到期情况 (visitDueOfHousehold)",
            description = "该户须在辖区内且户内有重点人群，否则 404 HOUSEHOLD_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "该户的到期情况",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitDue.class),
                    examples = @ExampleObject(name = "due", value = DUE)))
    public Uni<VisitDue> dueOf(@Parameter(description = "户编号", example = "5012") @RestPath long householdId) {
        return visits.dueOf(caller.actor(null), householdId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER, Role.COMMUNITY_ADMIN})
    @Operation(summary = "记录一次走访 (recordVisit)",
            description = "记录对辖区内一户的走访：时间（默认当前，不能晚于当前时间）、方式（HOME 上门、PHONE 电话、VIDEO 视频）、"
                    + "情况、需跟进的事项、照片（先上传，最多 9 张）和位置（上门走访必填，坐标默认 gcj02）。"
                    + "位置与楼栋（轮廓，没有轮廓时为楼栋点）的距离超过容差（gridgov.visits.tolerance-metres，默认 150 米）的"
                    + "上门走访照样记录，但 farFromBuilding 为 true（电话、视频走访不在楼栋也正常，从不标记，只记距离）。"
                    + "该户的下次应走访时间随即后移，本周期的督办标记清除。"
                    + "辖区外或不存在的户 404 HOUSEHOLD_NOT_FOUND；字段有误 400 VALIDATION_FAILED（errors 逐项列出）；"
                    + "照片不可用 400 MEDIA_NOT_ATTACHABLE。出错时什么都不写入。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VisitRequest.class),
            examples = @ExampleObject(name = "home", value = """
                    {"householdId":5012,"mode":"HOME","situation":"老人身体尚可，冰箱有菜","followUp":"楼道灯坏了，夜里看不清",\
                    "location":{"lng":117.2810,"lat":31.8600,"coordType":"gcj02"},\
                    "mediaIds":["7d3f4c1e-2b1a-4f0e-9a63-1c2d3e4f5a6b"]}""")))
    @APIResponse(responseCode = "201", description = "已记录；Location 为该走访记录",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitView.class),
                    examples = @ExampleObject(name = "visit", value = VISIT)))
    public Uni<Response> record(VisitRequest body, @Parameter(description = "答复中位置的坐标系：wgs84 或 gcj02（默认）")
                                @RestQuery String coordType) {
        return visits.record(caller.actor(null), body, CoordType.parse(coordType, CoordType.GCJ02)).map(view ->
                Response.created(URI.create("/api/v1/visits/" + view.id())).entity(view).build());
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "一户的走访记录，最新在前，游标分页 (householdVisits)",
            description = "householdId 必填；该户须在辖区内，否则 404 HOUSEHOLD_NOT_FOUND。参数不对时 400 HOUSEHOLD_ID_REQUIRED、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页走访记录",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = VisitView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + VISIT + "],\"nextCursor\":null}")))
    public Uni<CursorPage<VisitView>> list(@Parameter(description = "户编号", required = true, example = "5012")
                                           @RestQuery String householdId,
                                           @RestQuery String cursor, @RestQuery String limit,
                                           @RestQuery String coordType) {
        long id;
        try {
            id = Long.parseLong(householdId == null ? "" : householdId.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("HOUSEHOLD_ID_REQUIRED", "请给出户编号 householdId（整数）",
                    "householdId (an integer) is required");
        }
        return visits.ofHousehold(caller.actor(null), id, cursor, limit, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "走访记录详情 (visit)",
            description = "该户须在辖区内，否则 404 VISIT_NOT_FOUND；位置按 coordType（默认 gcj02）给出。")
    @APIResponse(responseCode = "200", description = "走访记录",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitView.class),
                    examples = @ExampleObject(name = "visit", value = VISIT)))
    public Uni<VisitView> get(@Parameter(description = "走访记录编号", example = "88") @RestPath long id,
                              @RestQuery String coordType) {
        return visits.get(caller.actor(null), id, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @POST
    @Path("{id}/incident")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER, Role.COMMUNITY_ADMIN})
    @Operation(summary = "把走访的跟进事项一步转为事件（来源 VISIT） (visitFollowUpIncident)",
            description = "按事件上报的规则（定位、责任节点、时限）生成事件，来源为 VISIT，位置为走访位置（没有时为楼栋），"
                    + "描述默认为走访的跟进事项。每次走访只生成一个事件：再次请求答复同一事件（200）。"
                    + "只有走访人本人可以转（他人 403 VISIT_NOT_YOURS）；辖区外 404 VISIT_NOT_FOUND；"
                    + "没有分类 400 VALIDATION_FAILED；没有跟进事项又没给描述 400 VALIDATION_FAILED。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VisitFollowUp.class),
            examples = @ExampleObject(name = "followUp", value = "{\"categoryCode\":\"0301\"}")))
    @APIResponse(responseCode = "201", description = "已生成事件；Location 为该事件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = INCIDENT)))
    @APIResponse(responseCode = "200", description = "已生成过：同一事件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = INCIDENT)))
    public Uni<Response> followUp(@Parameter(description = "走访记录编号", example = "88") @RestPath long id,
                                  VisitFollowUp body, @RestQuery String coordType) {
        Actor actor = caller.actor(null);
        CoordType out = CoordType.parse(coordType, CoordType.GCJ02);
        return visits.followUp(actor, id, body)
                .chain(reported -> incidents.reported(actor, reported.id(), out).map(view -> reported.created()
                        ? Response.created(URI.create("/api/v1/incidents/" + view.id())).entity(view).build()
                        : Response.ok(view).location(URI.create("/api/v1/incidents/" + view.id())).build()));
    }

    @GET
    @Path("rules")
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.TOWN_ADMIN,
            Role.COUNTY_ADMIN})
    @Operation(summary = "本县各类重点人群的走访周期 (visitRules)",
            description = "每个类别一行：本县自定的周期，没有时为默认值（独居老人 7 天、残疾人 14 天、低保户 30 天、留守儿童 14 天）。"
                    + "只有绑定到区域节点的工作人员可以查看（部门工作人员 403）。")
    @APIResponse(responseCode = "200", description = "各类别的走访周期",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = VisitRule.class),
                    examples = @ExampleObject(name = "rules", value = RULES)))
    public Uni<List<VisitRule>> rules() {
        return visits.rules(caller.actor(null));
    }

    @PUT
    @Path("rules/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "设置本县某类重点人群的走访周期（县管理员） (setVisitRule)",
            description = "kind 为 ELDERLY_ALONE、DISABLED、LOW_INCOME 或 LEFT_BEHIND_CHILD（否则 400 BAD_KEY_GROUP_KIND），"
                    + "intervalDays 为 1 到 365（否则 400 VALIDATION_FAILED）。本县有该类人员的户随即按新周期重算下次应走访时间。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VisitRule.Change.class),
            examples = @ExampleObject(name = "rule", value = "{\"intervalDays\":5}")))
    @APIResponse(responseCode = "200", description = "本县全部类别的走访周期",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = VisitRule.class),
                    examples = @ExampleObject(name = "rules", value = RULES)))
    public Uni<List<VisitRule>> setRule(@Parameter(description = "重点人群类别", example = "ELDERLY_ALONE") @RestPath String kind,
                                        VisitRule.Change body) {
        return visits.setRule(caller.actor(null), kind, body);
    }
}
