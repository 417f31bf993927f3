package cn.gridgov.incident;

import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import java.util.List;

/** Incidents: reporting, the handling loop, lists and details, always within the caller's scope. */
@Path("/api/v1/incidents")
@Authenticated
public class IncidentResource {

    private static final String FLOW_REPORT = """
            {"id":5001,"action":"REPORT","to":"REPORTED","actorId":88,"actorRole":"RESIDENT",\
            "mediaIds":["3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31"],"at":"2026-03-01T08:00:00+08:00"}""";

    private static final String INCIDENT = """
            {"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","source":"RESIDENT","status":"REPORTED",\
            "description":"幸福里小区东门人行道井盖缺失，夜间有行人踩空的危险",\
            "location":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02"},\
            "region":{"regionId":412,"townId":2,"communityId":37,"compoundId":205,"buildingId":412},\
            "ownerRegionId":37,"reporterId":88,"selfResolved":false,"occurredAt":"2026-03-01T07:50:00+08:00",\
            "reportedAt":"2026-03-01T08:00:00+08:00","deadlineAt":"2026-03-02T12:00:00+08:00","overdue":false,\
            "version":0,"updatedAt":"2026-03-01T08:00:00+08:00","allowedActions":["ACCEPT","REJECT"],\
            "flow":[""" + FLOW_REPORT + """
            ],"media":[{"id":"3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31","contentType":"image/jpeg","bytes":1843200,\
            "width":4032,"height":3024,"sha256":"9b74c9897bac770ffc029102a200c5de8a3f2e6c1d5b4a7f0e9d8c7b6a5f4e3d",\
            "urls":{"display":"https://oss.example.cn/gridgov-display/3f2c8a4e-display.jpg?X-Amz-Signature=ab12",\
            "thumbnail":"https://oss.example.cn/gridgov-display/3f2c8a4e-thumb.jpg?X-Amz-Signature=cd34"},\
            "urlsExpireAt":"2026-03-01T08:15:00+08:00","createdAt":"2026-03-01T07:58:12+08:00"}]}""";

    private final ReportService reports;
    private final TransitionService transitions;
    private final IncidentQueries queries;
    private final Caller caller;

    public IncidentResource(ReportService reports, TransitionService transitions, IncidentQueries queries, Caller caller) {
        this.reports = reports;
        this.transitions = transitions;
        this.queries = queries;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "上报事件（必须带 Idempotency-Key：同一键重试返回同一事件） (report)",
            description = "上报事件。每个用户每个时间窗内的上报次数有限，超过时 429 TOO_MANY_REPORTS（带 Retry-After）；"
                    + "详情中照片的 exif（拍摄位置与时间）只给照片上传者本人和辖区覆盖该事件的工作人员。居民的描述先经微信"
                    + "内容安全检测：违规答 422 CONTENT_RISKY 且什么都不保存，需人工复核的照常受理并交审核员；被禁言的居民答 "
                    + "403 USER_MUTED。")
    @APIResponse(responseCode = "201", description = "Reported; Location is the incident",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = INCIDENT)))
    @APIResponse(responseCode = "200", description = "A retry: the incident an earlier request with this key made",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = INCIDENT)))
    public Uni<Response> report(@Parameter(required = true, description = "One per report, the same on every retry (a UUID)")
                                @RestHeader("Idempotency-Key") String idempotencyKey,
                                @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportRequest.class),
            examples = @ExampleObject(name = "report", value = """
                    {"categoryCode":"0101","description":"幸福里小区东门人行道井盖缺失，夜间有行人踩空的危险",\
                    "location":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02"},\
                    "mediaIds":["3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31"],"occurredAt":"2026-03-01T07:50:00+08:00",\
                    "selfResolved":false}"""))) @Valid @NotNull ReportRequest request, @RestQuery String coordType) {
        Actor actor = caller.actor(null);
        CoordType out = CoordType.parse(coordType, CoordType.GCJ02);
        return reports.report(actor, idempotencyKey, request)
                .chain(reported -> (reported.created() ? queries.justReported(actor, reported, out)
                        : queries.reported(actor, reported.id(), out)).map(view -> reported.created()
                        ? Response.created(URI.create("/api/v1/incidents/" + view.id())).entity(view).build()
                        : Response.ok(view).location(URI.create("/api/v1/incidents/" + view.id())).build()));
    }

    @GET
    @Operation(summary = "辖区内的事件（居民：自己上报的），最新在前，游标分页 (list)",
            description = "工作人员看到辖区内的事件，居民只看到自己上报的；可按状态、分类、来源、区域、assignee=me、是否超期、"
                    + "范围（四角同时给出）和上报时间筛选。参数不对时 400 BAD_STATUS、BAD_SOURCE、BAD_ASSIGNEE_FILTER、BAD_BBOX、"
                    + "BAD_TIME、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页事件；nextCursor 为空表示没有更多",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = IncidentView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + INCIDENT
                            + "],\"nextCursor\":\"eyJpZCI6MTAyNH0\"}")))
    public Uni<CursorPage<IncidentView>> list(@RestQuery List<String> status, @RestQuery String categoryCode,
                                              @RestQuery String source, @RestQuery Long regionId,
                                              @RestQuery String assignee, @RestQuery Boolean overdue,
                                              @RestQuery Double minLng, @RestQuery Double minLat,
                                              @RestQuery Double maxLng, @RestQuery Double maxLat,
                                              @RestQuery String coordType, @RestQuery String from,
                                              @RestQuery String to, @RestQuery String cursor,
                                              @RestQuery String limit) {
        CoordType type = CoordType.parse(coordType, CoordType.GCJ02);
        IncidentFilter filter = IncidentFilterParams.of(status, categoryCode, source, regionId, assignee, overdue,
                minLng, minLat, maxLng, maxLat, type, from, to, CursorPage.after(cursor), CursorPage.limit(limit));
        return queries.list(caller.actor(null), filter, type);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "事件详情：流转记录、照片和调用者可执行的操作 (get)",
            description = "辖区覆盖该事件的工作人员和事件的上报者可以查看；看不到的事件与不存在的一样答 404 INCIDENT_NOT_FOUND。"
                    + "allowedActions 是调用者此刻可执行的操作，照片的 exif 只给上传者本人和辖区内的工作人员。")
    @APIResponse(responseCode = "200", description = "事件详情",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = INCIDENT)))
    public Uni<IncidentView> get(@RestPath long id, @RestQuery String coordType) {
        return queries.detail(caller.actor(null), id, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @GET
    @Path("/{id}/flow")
    @Operation(summary = "事件流转记录：每次状态变化，最早在前 (flow)",
            description = "可见性同事件详情：辖区内的工作人员和上报者可以查看，其他人答 404 INCIDENT_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "流转记录",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentView.Flow.class),
                    examples = @ExampleObject(name = "flow", value = "[" + FLOW_REPORT + """
                            ,{"id":5002,"action":"ACCEPT","from":"REPORTED","to":"ACCEPTED","actorId":17,\
                            "actorRole":"GRID_WORKER","comment":"已受理，今天上午到现场","mediaIds":[],"ownerRegionId":37,\
                            "at":"2026-03-01T08:20:00+08:00"}]""")))
    public Uni<List<IncidentView.Flow>> flow(@RestPath long id) {
        return queries.flow(caller.actor(null), id);
    }

    @POST
    @Path("/{id}/transitions")
    @Operation(summary = "处置闭环的一步（受理、退回、派遣、开始、回退、办结、核查、上报、挂起、恢复、评价）；"
            + "version 须为事件当前版本 (transition)",
            description = "按处置流程执行一步，调用者须有权执行该操作（见详情的 allowedActions），否则 409 ACTION_NOT_ALLOWED；"
                    + "version 不是当前版本答 409 STALE_VERSION，看不到的事件答 404 INCIDENT_NOT_FOUND。派遣须给 assigneeId"
                    + "（辖区内的在岗工作人员、已关联小程序的党员或与辖区内社区有有效协议的共建单位联系人，否则 400 ASSIGNEE_REQUIRED、"
                    + "ASSIGNEE_INVALID 或 ASSIGNEE_OUT_OF_SCOPE），核查（VERIFY）须给 passed。")
    @APIResponse(responseCode = "200", description = "执行这一步之后的事件",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IncidentView.class),
                    examples = @ExampleObject(name = "incident", value = """
                            {"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","source":"RESIDENT",\
                            "status":"DISPATCHED","description":"幸福里小区东门人行道井盖缺失，夜间有行人踩空的危险",\
                            "location":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02"},\
                            "region":{"regionId":412,"townId":2,"communityId":37,"compoundId":205,"buildingId":412},\
                            "ownerRegionId":37,"assigneeId":23,"reporterId":88,"selfResolved":false,\
                            "occurredAt":"2026-03-01T07:50:00+08:00","reportedAt":"2026-03-01T08:00:00+08:00",\
                            "deadlineAt":"2026-03-02T12:00:00+08:00","overdue":false,"version":2,\
                            "updatedAt":"2026-03-01T09:05:00+08:00","allowedActions":["SUSPEND","ESCALATE"],\
                            "flow":[],"media":[]}""")))
    public Uni<IncidentView> transition(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransitionRequest.class),
            examples = @ExampleObject(name = "dispatch", value = """
                    {"action":"DISPATCH","version":1,"comment":"请今天下班前更换井盖","assigneeId":23}"""))) @Valid @NotNull TransitionRequest request,
                                        @RestQuery String coordType) {
        Actor actor = caller.actor(null);
        CoordType type = CoordType.parse(coordType, CoordType.GCJ02);
        // a step can take the incident out of the caller's sight (a handler outside the area returning it):
        // they still get the state they left it in
        return transitions.apply(actor, id, request).chain(after -> queries.detail(actor, id, type)
                .onFailure(NotFound.class)
                .recoverWithItem(() -> queries.bare(after, type)));
    }
}
