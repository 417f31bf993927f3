package cn.gridgov.things.patrol;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.incident.IncidentQueries;
import cn.gridgov.incident.IncidentView;
import cn.gridgov.incident.ReportRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;

/** Patrols (巡查) over HTTP: the grid worker's own patrol, its positions, findings and summary. */
@Path("/api/v1/patrols")
@Produces(MediaType.APPLICATION_JSON)
public class PatrolResource {

    private static final String PATROL = """
            {"id":31,"userId":12,"regionId":205,"regionName":"幸福里小区","status":"FINISHED",\
            "startedAt":"2026-03-02T08:00:00+08:00","finishedAt":"2026-03-02T16:00:00+08:00","pointsKept":2880,\
            "pointsDropped":14,"jumpsFlagged":1,"lengthMetres":34512.4,"durationSeconds":28800,"coverage":0.5321,\
            "track":{"type":"LineString","coordType":"gcj02","coordinates":[[117.2810,31.8600],[117.2811,31.8600]]},\
            "jumps":[{"seq":1201,"at":"2026-03-02T11:20:00+08:00","lng":117.2990,"lat":31.8600,"speedKmh":648.0}],\
            "findingIds":[1024]}""";

    private static final String ACTIVE = """
            {"id":31,"userId":12,"regionId":205,"regionName":"幸福里小区","status":"ACTIVE",\
            "startedAt":"2026-03-02T08:00:00+08:00","finishedAt":null,"pointsKept":0,"pointsDropped":0,\
            "jumpsFlagged":0,"lengthMetres":null,"durationSeconds":null,"coverage":null,"track":null,"jumps":[],\
            "findingIds":[]}""";

    private final PatrolService patrols;
    private final IncidentQueries incidents;
    private final Caller caller;

    public PatrolResource(PatrolService patrols, IncidentQueries incidents, Caller caller) {
        this.patrols = patrols;
        this.incidents = incidents;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER})
    @Operation(summary = "开始巡查（网格员） (startPatrol)",
            description = "在本人负责的网格（账号绑定的节点）上开始一次巡查，无需请求体。已有进行中的巡查时 409 PATROL_ALREADY_ACTIVE。")
    @APIResponse(responseCode = "201", description = "巡查已开始；Location 为该巡查",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatrolView.class),
                    examples = @ExampleObject(name = "active", value = ACTIVE)))
    public Uni<Response> start() {
        return patrols.start(caller.actor(null)).map(view ->
                Response.created(URI.create("/api/v1/patrols/" + view.id())).entity(view).build());
    }

    @POST
    @Path("{id}/points")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER})
    @Operation(summary = "上传一批巡查轨迹点 (addPatrolPoints)",
            description = "只有巡查本人可上传（他人的巡查 404 PATROL_NOT_FOUND），已结束 409 PATROL_FINISHED。每批 1 到 500 个点，"
                    + "坐标默认 gcj02，at 为定位时间。每 10 秒最多保留一个点：离上一个保留点不足 10 秒的点被丢弃并计数（dropped），"
                    + "重传的批次因此不会重复；与上一个点之间速度超过 120 km/h 的点照样保存但标记为跳点（flagged），"
                    + "详情的 jumps 列出。点有误 400 VALIDATION_FAILED（errors 指出第几个点），批量大小不对 400 BAD_PATROL_BATCH。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PatrolPoints.class),
            examples = @ExampleObject(name = "batch", value = """
                    {"coordType":"gcj02","points":[{"lng":117.2810,"lat":31.8600,"at":"2026-03-02T08:00:00+08:00"},\
                    {"lng":117.2811,"lat":31.8600,"at":"2026-03-02T08:00:10+08:00"}]}""")))
    @APIResponse(responseCode = "200", description = "本批保留、丢弃和标记的点数，以及巡查的累计数",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PatrolPoints.Result.class),
                    examples = @ExampleObject(name = "result", value = """
                            {"kept":2,"dropped":0,"flagged":0,"pointsKept":362,"pointsDropped":3,"jumpsFlagged":0}""")))
    public Uni<PatrolPoints.Result> addPoints(@Parameter(description = "巡查编号", example = "31") @RestPath long id,
                                              @NotNull PatrolPoints body) {
        return patrols.addPoints(caller.actor(null), id, body);
    }

    @POST
    @Path("{id}/findings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER})
    @Operation(summary = "巡查中上报发现的问题（来源 PATROL） (reportPatrolFinding)",
            description = "与上报事件相同的请求体和规则（必须带 Idempotency-Key），事件来源为 PATROL 并记入本次巡查。"
                    + "只有巡查本人可用（他人的巡查 404 PATROL_NOT_FOUND），已结束 409 PATROL_FINISHED。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportRequest.class),
            examples = @ExampleObject(name = "finding", value = """
                    {"categoryCode":"0101","description":"东门井盖破裂","location":{"lng":117.283041,"lat":31.861184,\
                    "coordType":"gcj02"},"mediaIds":[],"facilityId":88}""")))
    @APIResponse(responseCode = "201", description = "已上报；Location 为该事件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = """
                            {"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","source":"PATROL",\
                            "status":"REPORTED","description":"东门井盖破裂"}""")))
    @APIResponse(responseCode = "200", description = "重试：同一 Idempotency-Key 已上报的事件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = """
                            {"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","source":"PATROL",\
                            "status":"REPORTED","description":"东门井盖破裂"}""")))
    public Uni<Response> report(@Parameter(description = "巡查编号", example = "31") @RestPath long id,
                                @Parameter(required = true, description = "每次上报一个（UUID），重试时不变")
                                @RestHeader("Idempotency-Key") String idempotencyKey,
                                @Valid @NotNull ReportRequest request, @RestQuery String coordType) {
        Actor actor = caller.actor(null);
        CoordType out = CoordType.parse(coordType, CoordType.GCJ02);
        return patrols.report(actor, id, idempotencyKey, request)
                .chain(reported -> incidents.reported(actor, reported.id(), out).map(view -> reported.created()
                        ? Response.created(URI.create("/api/v1/incidents/" + view.id())).entity(view).build()
                        : Response.ok(view).location(URI.create("/api/v1/incidents/" + view.id())).build()));
    }

    @POST
    @Path("{id}/finish")
    @RolesAllowed({Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER})
    @Operation(summary = "结束巡查并生成轨迹汇总 (finishPatrol)",
            description = "保存轨迹（LineString）、长度（不含跳点）、时长和网格覆盖率（轨迹两侧各 30 米与网格面积的交集占比）。"
                    + "只有巡查本人可用（他人的巡查 404 PATROL_NOT_FOUND）；已结束的再结束一次答原样。")
    @APIResponse(responseCode = "200", description = "已结束的巡查及其汇总",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatrolView.class),
                    examples = @ExampleObject(name = "finished", value = PATROL)))
    public Uni<PatrolView> finish(@Parameter(description = "巡查编号", example = "31") @RestPath long id,
                                  @RestQuery String coordType) {
        return patrols.finish(caller.actor(null), id, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "巡查详情（本人的，或辖区内的） (patrol)",
            description = "巡查本人和辖区包含该网格的工作人员可见，轨迹按 coordType（默认 gcj02）给出；其他人 404 PATROL_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "巡查",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatrolView.class),
                    examples = @ExampleObject(name = "finished", value = PATROL)))
    public Uni<PatrolView> get(@Parameter(description = "巡查编号", example = "31") @RestPath long id,
                               @RestQuery String coordType) {
        return patrols.get(caller.actor(null), id, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "巡查列表（本人的和辖区内的），最新在前，游标分页 (patrols)",
            description = "列表不含轨迹和跳点明细（看详情）。参数不对时 400 BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页巡查",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = PatrolView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + ACTIVE + "],\"nextCursor\":null}")))
    public Uni<CursorPage<PatrolView>> list(@RestQuery String cursor, @RestQuery String limit,
                                            @RestQuery String coordType) {
        return patrols.list(caller.actor(null), cursor, limit, CoordType.parse(coordType, CoordType.GCJ02));
    }
}
