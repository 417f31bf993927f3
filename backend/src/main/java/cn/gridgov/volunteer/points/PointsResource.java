package cn.gridgov.volunteer.points;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Volunteers' points over HTTP: the own ledger, a volunteer's ledger and corrections for staff, leaderboards. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PointsResource {

    static final String ENTRY = """
            {"id":9001,"kind":"CREDIT","amount":20,"balanceAfter":80,"reason":null,"claimId":77,"redemptionId":null,\
            "createdAt":"2026-03-02T18:00:00+08:00"}""";
    static final String POINTS = "{\"volunteerId\":31,\"balance\":80,\"earned\":120,\"items\":[" + ENTRY
            + "],\"nextCursor\":null}";

    private final PointsService service;
    private final Caller caller;

    public PointsResource(PointsService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("volunteer-points/mine")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "我的积分与流水 (myVolunteerPoints)",
            description = "志愿者查看自己的积分余额、累计获得和积分流水（新的在前，游标分页）。余额由只增不改的流水推出，从不为负。"
                    + "尚未登记为志愿者答 404 VOLUNTEER_NOT_FOUND，游标无效答 400 BAD_CURSOR。")
    @APIResponse(responseCode = "200", description = "余额与一页流水", content = @Content(
            schema = @Schema(implementation = PointsViews.VolunteerPointsView.class),
            examples = @ExampleObject(name = "points", value = POINTS)))
    public Uni<PointsViews.VolunteerPointsView> mine(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return service.mine(caller.userId(), cursor, CursorPage.limit(limit));
    }

    @GET
    @Path("volunteer-points/{volunteerId: \\d+}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "志愿者的积分与流水（辖区内） (volunteerPoints)",
            description = "工作人员查看辖区内志愿者的积分余额与流水；不在辖区内与不存在的一样答 404 VOLUNTEER_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "余额与一页流水", content = @Content(
            schema = @Schema(implementation = PointsViews.VolunteerPointsView.class),
            examples = @ExampleObject(name = "points", value = POINTS)))
    public Uni<PointsViews.VolunteerPointsView> ofVolunteer(@PathParam("volunteerId") long volunteerId,
                                                            @QueryParam("cursor") String cursor,
                                                            @QueryParam("limit") String limit) {
        return service.ofVolunteer(caller.actor(null), volunteerId, cursor, CursorPage.limit(limit));
    }

    @POST
    @Path("volunteer-points/{volunteerId: \\d+}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "更正志愿者积分（附原因） (correctVolunteerPoints)",
            description = "管理员为辖区内的志愿者追加一条更正流水（正数加、负数减，须写原因）；流水只增不改，已有记录不会被修改。"
                    + "更正后余额会小于 0 时答 409 INSUFFICIENT_POINTS，amount 为 0 答 400 ZERO_CORRECTION，志愿者不在辖区内答 404 "
                    + "VOLUNTEER_NOT_FOUND，字段不对答 400 VALIDATION_FAILED。加分时给志愿者发订阅消息。")
    @APIResponse(responseCode = "201", description = "记入的更正流水", content = @Content(
            schema = @Schema(implementation = VolunteerLedgerEntry.class), examples = @ExampleObject(name = "correction", value = """
            {"id":9002,"kind":"CORRECTION","amount":-5,"balanceAfter":75,"reason":"重复记分更正","claimId":null,\
            "redemptionId":null,"createdAt":"2026-03-03T10:00:00+08:00"}""")))
    public Uni<Response> correct(@PathParam("volunteerId") long volunteerId,
                                 @RequestBody(required = true, content = @Content(
                                         schema = @Schema(implementation = PointsRequests.VolunteerPointsCorrection.class),
                                         examples = @ExampleObject(name = "correction",
                                                 value = "{\"amount\":-5,\"reason\":\"重复记分更正\"}")))
                                 @Valid @NotNull PointsRequests.VolunteerPointsCorrection body) {
        return service.correct(caller.actor(null), volunteerId, body)
                .map(entry -> Response.status(Response.Status.CREATED).entity(entry).build());
    }

    @GET
    @Path("volunteer-leaderboard")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "志愿者积分榜（社区或党组织） (volunteerLeaderboard)",
            description = "按累计获得的积分排名的前 limit 名（默认 20，最大 200；积分相同名次相同），姓名脱敏、不含手机号。"
                    + "communityId 与 orgId 二选一：社区榜供辖区内的工作人员和该社区的志愿者查看；党组织榜（组织关系在该组织的党员志愿者）"
                    + "供辖区内的工作人员和该组织的党员查看。两者都给或都不给答 400 LEADERBOARD_TARGET，无权查看与不存在的一样答 404 "
                    + "COMMUNITY_NOT_FOUND 或 PARTY_ORG_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "积分榜", content = @Content(
            schema = @Schema(implementation = PointsViews.VolunteerLeaderboard.class),
            examples = @ExampleObject(name = "leaderboard", value = """
                    {"communityId":12,"orgId":null,"items":[{"rank":1,"volunteerId":31,"name":"李*","earned":120},\
                    {"rank":2,"volunteerId":45,"name":"王**","earned":90}]}""")))
    public Uni<PointsViews.VolunteerLeaderboard> leaderboard(@QueryParam("communityId") String communityId,
                                                             @QueryParam("orgId") String orgId,
                                                             @QueryParam("limit") String limit) {
        return service.leaderboard(caller.actor(null), QueryParams.optionalId("communityId", communityId),
                QueryParams.optionalId("orgId", orgId), CursorPage.limit(limit));
    }
}
