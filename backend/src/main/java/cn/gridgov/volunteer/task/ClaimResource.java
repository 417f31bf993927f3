package cn.gridgov.volunteer.task;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Claims over HTTP: the volunteer's own claims and completion reports, the community's confirmation. */
@Path("/api/v1/volunteer-claims")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {

    static final String REPORTED = """
            {"id":77,"taskId":88,"taskTitle":"重阳节敬老义诊","volunteerId":31,"volunteerName":"李梅",\
            "phone":"138****1234","cobuildUnitId":null,"cobuildUnitName":null,"status":"REPORTED","reportNote":"共为 26 位老人测了血压",\
            "mediaIds":["3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31"],"reportedAt":"2026-10-29T11:40:00+08:00",\
            "confirmedAt":null,"pointsCredited":null,"createdAt":"2026-10-21T08:00:00+08:00"}""";
    static final String CONFIRMED = """
            {"id":77,"taskId":88,"taskTitle":"重阳节敬老义诊","volunteerId":31,"volunteerName":"李梅",\
            "phone":"138****1234","cobuildUnitId":null,"cobuildUnitName":null,"status":"CONFIRMED","reportNote":"共为 26 位老人测了血压",\
            "mediaIds":["3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31"],"reportedAt":"2026-10-29T11:40:00+08:00",\
            "confirmedAt":"2026-10-29T15:00:00+08:00","pointsCredited":20,"createdAt":"2026-10-21T08:00:00+08:00"}""";

    private final ClaimService claims;
    private final Caller caller;

    public ClaimResource(ClaimService claims, Caller caller) {
        this.claims = claims;
        this.caller = caller;
    }

    @GET
    @Path("mine")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "我认领的任务 (myVolunteerClaims)",
            description = "志愿者查看自己的认领记录（新的在前，游标分页），含完成报告、确认与记入的积分。尚未登记为志愿者答 404 "
                    + "VOLUNTEER_NOT_FOUND，游标无效答 400 BAD_CURSOR。")
    @APIResponse(responseCode = "200", description = "一页认领记录", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = TaskViews.VolunteerClaimView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + CONFIRMED + "],\"nextCursor\":null}")))
    public Uni<CursorPage<TaskViews.VolunteerClaimView>> mine(@QueryParam("cursor") String cursor,
                                                              @QueryParam("limit") String limit) {
        return claims.mine(caller.userId(), cursor, CursorPage.limit(limit));
    }

    @GET
    @Path("units")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "我代表共建单位的认领 (myUnitVolunteerClaims)",
            description = "共建单位联系人查看自己代表单位认领的任务（新的在前，游标分页），含完成报告与确认情况；没有时为空列表。"
                    + "游标无效答 400 BAD_CURSOR。")
    @APIResponse(responseCode = "200", description = "一页认领记录", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = TaskViews.VolunteerClaimView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + TaskResource.UNIT_CLAIM + "],\"nextCursor\":null}")))
    public Uni<CursorPage<TaskViews.VolunteerClaimView>> ofMyUnits(@QueryParam("cursor") String cursor,
                                                                   @QueryParam("limit") String limit) {
        return claims.ofMyUnits(caller.userId(), cursor, CursorPage.limit(limit));
    }

    @POST
    @Path("{id: \\d+}/report")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "报告任务完成（附照片） (reportVolunteerClaim)",
            description = "认领人（志愿者，或代表单位认领的联系人）报告自己的部分已完成：mediaIds 为先用 POST /api/v1/media 上传的本人照片（1 到 9 张），可附说明 note。"
                    + "照片不存在、不是本人上传或已用于别处答 400 MEDIA_NOT_ATTACHABLE；已报告、已确认或已取消答 409 CLAIM_NOT_OPEN；"
                    + "不是本人的认领答 404 VOLUNTEER_CLAIM_NOT_FOUND；字段不对答 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "200", description = "已报告完成的认领", content = @Content(
            schema = @Schema(implementation = TaskViews.VolunteerClaimView.class),
            examples = @ExampleObject(name = "reported", value = REPORTED)))
    public Uni<TaskViews.VolunteerClaimView> report(@PathParam("id") long id,
                                                    @RequestBody(required = true, content = @Content(
                                                            schema = @Schema(implementation = TaskRequests.VolunteerClaimReport.class),
                                                            examples = @ExampleObject(name = "report", value = """
                                                                    {"note":"共为 26 位老人测了血压",\
                                                                    "mediaIds":["3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31"]}""")))
                                                    @Valid @NotNull TaskRequests.VolunteerClaimReport body) {
        return claims.report(caller.actor(null), id, body);
    }

    @POST
    @Path("{id: \\d+}/confirm")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "确认任务完成并记积分 (confirmVolunteerClaim)",
            description = "管理员确认辖区内任务的一条完成报告：认领变为 CONFIRMED，并在同一事务里给志愿者记入任务的积分，发订阅消息。"
                    + "重复确认（包括并发）答 200 和已确认的认领，积分只记一次。尚未报告完成或任务已取消答 409 CLAIM_NOT_REPORTED，"
                    + "不在辖区内答 404 VOLUNTEER_CLAIM_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "已确认的认领（pointsCredited 为记入的积分）", content = @Content(
            schema = @Schema(implementation = TaskViews.VolunteerClaimView.class),
            examples = @ExampleObject(name = "confirmed", value = CONFIRMED)))
    public Uni<TaskViews.VolunteerClaimView> confirm(@PathParam("id") long id) {
        return claims.confirm(caller.actor(null), id);
    }
}
