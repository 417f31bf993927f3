package cn.gridgov.volunteer.task;

import cn.gridgov.common.geo.CoordType;
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
import java.util.Locale;

/** Volunteer tasks over HTTP: communities publish and cancel them, volunteers read them and claim places. */
@Path("/api/v1/volunteer-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    static final String TASK = """
            {"id":88,"communityId":12,"communityName":"幸福里社区","kind":"SERVICE","title":"重阳节敬老义诊",\
            "description":"为小区老人量血压、测血糖","placeRegionId":37,"placeRegionName":"幸福里小区",\
            "location":{"lng":113.4312,"lat":36.2021,"coordType":"gcj02"},"startsAt":"2026-10-29T09:00:00+08:00",\
            "endsAt":"2026-10-29T11:30:00+08:00","needed":3,"claimed":1,"remaining":2,"points":20,"status":"OPEN",\
            "cancelReason":null,"incidentId":null,"version":0,"createdAt":"2026-10-20T10:00:00+08:00"}""";
    static final String CLAIM = """
            {"id":77,"taskId":88,"taskTitle":"重阳节敬老义诊","volunteerId":31,"volunteerName":"李梅",\
            "phone":"138****1234","cobuildUnitId":null,"cobuildUnitName":null,"status":"CLAIMED","reportNote":null,"mediaIds":[],"reportedAt":null,\
            "confirmedAt":null,"pointsCredited":null,"createdAt":"2026-10-21T08:00:00+08:00"}""";
    static final String UNIT_CLAIM = """
            {"id":78,"taskId":88,"taskTitle":"重阳节敬老义诊","volunteerId":null,"volunteerName":"赵强",            "phone":"139****5678","cobuildUnitId":12,"cobuildUnitName":"县供电公司","status":"CLAIMED","reportNote":null,            "mediaIds":[],"reportedAt":null,"confirmedAt":null,"pointsCredited":null,"createdAt":"2026-10-21T08:05:00+08:00"}""";

    private final TaskService tasks;
    private final ClaimService claims;
    private final Caller caller;

    public TaskResource(TaskService tasks, ClaimService claims, Caller caller) {
        this.tasks = tasks;
        this.claims = claims;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "发布志愿任务（可由事件生成） (publishVolunteerTask)",
            description = "管理员为辖区内的社区发布志愿任务：类型 kind（SERVICE 为民服务、PATROL 巡逻、EVENT 活动）、地点（社区内节点 "
                    + "placeRegionId 和/或坐标 location，coordType 默认 gcj02）、时间、需要的人数 needed 与每人积分 points。给 incidentId "
                    + "则由辖区内的事件生成（社区与地点默认取事件的，每个事件至多一个任务）。社区不在辖区内答 404 COMMUNITY_NOT_FOUND，事件不在"
                    + "辖区内答 404 INCIDENT_NOT_FOUND，事件已生成过任务答 409 INCIDENT_HAS_TASK；时间不对答 400 BAD_TASK_TIME 或 "
                    + "TASK_ENDS_IN_PAST，缺地点答 400 PLACE_REQUIRED，地点不在社区内答 400 BAD_PLACE，字段不对答 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "201", description = "发布的任务", content = @Content(
            schema = @Schema(implementation = TaskViews.VolunteerTaskView.class),
            examples = @ExampleObject(name = "task", value = TASK)))
    public Uni<Response> publish(@RequestBody(required = true, content = @Content(
                                         schema = @Schema(implementation = TaskRequests.VolunteerTaskRequest.class),
                                         examples = @ExampleObject(name = "task", value = """
                                                 {"communityId":12,"kind":"SERVICE","title":"重阳节敬老义诊",\
                                                 "description":"为小区老人量血压、测血糖","placeRegionId":37,\
                                                 "startsAt":"2026-10-29T09:00:00+08:00","endsAt":"2026-10-29T11:30:00+08:00",\
                                                 "needed":3,"points":20}""")))
                                 @Valid @NotNull TaskRequests.VolunteerTaskRequest body,
                                 @QueryParam("coordType") String coordType) {
        return tasks.publish(caller.actor(null), body, CoordType.parse(coordType, CoordType.GCJ02))
                .map(t -> Response.created(URI.create("/api/v1/volunteer-tasks/" + t.id())).entity(t).build());
    }

    @GET
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "志愿任务列表 (listVolunteerTasks)",
            description = "工作人员看辖区内社区的任务（可按 communityId 筛选），志愿者看本社区的任务；可按 status（OPEN、CANCELLED）筛选，"
                    + "新的在前，游标分页。坐标按 coordType（默认 gcj02）给出。志愿者尚未登记答 404 VOLUNTEER_NOT_FOUND，参数不对答 400 "
                    + "BAD_STATUS、BAD_COMMUNITYID、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页任务", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = TaskViews.VolunteerTaskView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + TASK + "],\"nextCursor\":null}")))
    public Uni<CursorPage<TaskViews.VolunteerTaskView>> list(@QueryParam("communityId") String communityId,
                                                             @QueryParam("status") String status,
                                                             @QueryParam("cursor") String cursor,
                                                             @QueryParam("limit") String limit,
                                                             @QueryParam("coordType") String coordType) {
        return tasks.list(caller.actor(null), QueryParams.optionalId("communityId", communityId),
                status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT), cursor,
                CursorPage.limit(limit), CoordType.parse(coordType, CoordType.GCJ02));
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "志愿任务详情 (getVolunteerTask)",
            description = "辖区内的工作人员或该社区的志愿者查看任务（含剩余名额 remaining）；其他人与不存在的一样答 404 "
                    + "VOLUNTEER_TASK_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "任务", content = @Content(
            schema = @Schema(implementation = TaskViews.VolunteerTaskView.class),
            examples = @ExampleObject(name = "task", value = TASK)))
    public Uni<TaskViews.VolunteerTaskView> get(@PathParam("id") long id, @QueryParam("coordType") String coordType) {
        return tasks.get(caller.actor(null), id, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @POST
    @Path("{id: \\d+}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "取消志愿任务 (cancelVolunteerTask)",
            description = "管理员取消辖区内进行中的任务（写明原因，带上 version），所有未确认的认领随之取消，并给认领的志愿者发订阅消息。"
                    + "已取消答 409 TASK_CANCELLED，版本已变答 409 STALE_VERSION，不在辖区内答 404 VOLUNTEER_TASK_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "取消后的任务", content = @Content(
            schema = @Schema(implementation = TaskViews.VolunteerTaskView.class),
            examples = @ExampleObject(name = "task", value = TASK)))
    public Uni<TaskViews.VolunteerTaskView> cancel(@PathParam("id") long id,
                                                   @RequestBody(required = true, content = @Content(
                                                           schema = @Schema(implementation = TaskRequests.VolunteerTaskCancel.class),
                                                           examples = @ExampleObject(name = "cancel",
                                                                   value = "{\"version\":0,\"reason\":\"天气原因改期\"}")))
                                                   @Valid @NotNull TaskRequests.VolunteerTaskCancel body,
                                                   @QueryParam("coordType") String coordType) {
        return tasks.cancel(caller.actor(null), id, body, CoordType.parse(coordType, CoordType.GCJ02));
    }

    @POST
    @Path("{id: \\d+}/claims")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "认领志愿任务名额 (claimVolunteerTask)",
            description = "本社区的志愿者（含党员志愿者）认领任务的一个名额；名额满即止，并发认领也不会超过需要的人数，每人每个任务只能认领一次。"
                    + "名额已满答 409 TASK_FULL，任务已取消或已结束答 409 TASK_CLOSED，已认领过答 409 ALREADY_CLAIMED，"
                    + "不是本社区的任务答 404 VOLUNTEER_TASK_NOT_FOUND，尚未登记为志愿者答 404 VOLUNTEER_NOT_FOUND。")
    @APIResponse(responseCode = "201", description = "认领记录", content = @Content(
            schema = @Schema(implementation = TaskViews.VolunteerClaimView.class),
            examples = @ExampleObject(name = "claim", value = CLAIM)))
    public Uni<Response> claim(@PathParam("id") long id) {
        return claims.claim(caller.actor(null), id)
                .map(c -> Response.created(URI.create("/api/v1/volunteer-claims/" + c.id())).entity(c).build());
    }

    @POST
    @Path("{id: \\d+}/unit-claims")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "共建单位认领志愿任务名额 (claimVolunteerTaskForUnit)",
            description = "共建单位的联系人（已在小程序用手机号关联为该单位联系人）代表单位认领任务的一个名额：单位须与任务所在社区有有效的"
                    + "共建协议。名额规则与志愿者相同（满即止，并发也不超过需要的人数），每个单位每个任务只能认领一次；之后由该联系人报告完成，"
                    + "社区确认。积分记给个人，单位的认领确认后不记积分。名额已满答 409 TASK_FULL，任务已取消或已结束答 409 TASK_CLOSED，"
                    + "该单位已认领过答 409 UNIT_ALREADY_CLAIMED；任务不存在、调用者不是该单位联系人或单位与该社区没有有效协议答 404 "
                    + "VOLUNTEER_TASK_NOT_FOUND；缺少 unitId 答 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "201", description = "单位的认领记录（cobuildUnitId、cobuildUnitName 为单位，volunteerId 为 null）",
            content = @Content(schema = @Schema(implementation = TaskViews.VolunteerClaimView.class),
                    examples = @ExampleObject(name = "unitClaim", value = UNIT_CLAIM)))
    public Uni<Response> claimForUnit(@PathParam("id") long id,
                                      @RequestBody(required = true, content = @Content(
                                              schema = @Schema(implementation = TaskRequests.VolunteerUnitClaim.class),
                                              examples = @ExampleObject(name = "unit", value = "{\"unitId\":12}")))
                                      @Valid @NotNull TaskRequests.VolunteerUnitClaim body) {
        return claims.claimForUnit(caller.actor(null), id, body.unitId())
                .map(c -> Response.created(URI.create("/api/v1/volunteer-claims/" + c.id())).entity(c).build());
    }

    @GET
    @Path("{id: \\d+}/claims")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "任务的认领记录 (listVolunteerTaskClaims)",
            description = "辖区内的工作人员查看任务的认领、完成报告与确认情况（手机号脱敏），按 id 游标分页；任务不在辖区内答 404 "
                    + "VOLUNTEER_TASK_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "一页认领记录", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = TaskViews.VolunteerClaimView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + CLAIM + "],\"nextCursor\":null}")))
    public Uni<CursorPage<TaskViews.VolunteerClaimView>> claimsOf(@PathParam("id") long id,
                                                                  @QueryParam("cursor") String cursor,
                                                                  @QueryParam("limit") String limit) {
        return claims.ofTask(caller.actor(null), id, cursor, CursorPage.limit(limit));
    }
}
