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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;

/** Rewards over HTTP: communities list them with stock, volunteers redeem them with points. */
@Path("/api/v1/volunteer-rewards")
@Produces(MediaType.APPLICATION_JSON)
public class RewardResource {

    static final String REWARD = """
            {"id":5,"communityId":12,"name":"环保购物袋","description":"社区定制","cost":30,"stock":48,"active":true,\
            "version":0,"createdAt":"2026-03-01T09:00:00+08:00"}""";

    private final RewardService service;
    private final Caller caller;

    public RewardResource(RewardService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "上架积分奖品 (createVolunteerReward)",
            description = "管理员为辖区内的社区上架奖品，写明所需积分与库存。社区不在辖区内答 404 COMMUNITY_NOT_FOUND，"
                    + "字段不对答 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "201", description = "上架的奖品", content = @Content(
            schema = @Schema(implementation = PointsViews.VolunteerRewardView.class),
            examples = @ExampleObject(name = "reward", value = REWARD)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(
                                        schema = @Schema(implementation = PointsRequests.VolunteerRewardRequest.class),
                                        examples = @ExampleObject(name = "reward", value = """
                                                {"communityId":12,"name":"环保购物袋","description":"社区定制",\
                                                "cost":30,"stock":50}""")))
                                @Valid @NotNull PointsRequests.VolunteerRewardRequest body) {
        return service.create(caller.actor(null), body)
                .map(r -> Response.created(URI.create("/api/v1/volunteer-rewards/" + r.id())).entity(r).build());
    }

    @GET
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "积分奖品列表 (listVolunteerRewards)",
            description = "工作人员看辖区内社区的奖品（可按 communityId 筛选）；志愿者看本社区上架中的奖品。按 id 游标分页。"
                    + "志愿者尚未登记答 404 VOLUNTEER_NOT_FOUND，参数不对答 400 BAD_COMMUNITYID、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页奖品", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = PointsViews.VolunteerRewardView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + REWARD + "],\"nextCursor\":null}")))
    public Uni<CursorPage<PointsViews.VolunteerRewardView>> list(@QueryParam("communityId") String communityId,
                                                                 @QueryParam("cursor") String cursor,
                                                                 @QueryParam("limit") String limit) {
        return service.list(caller.actor(null), QueryParams.optionalId("communityId", communityId), cursor,
                CursorPage.limit(limit));
    }

    @POST
    @Path("{id: \\d+}/restock")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "补充奖品库存 (restockVolunteerReward)",
            description = "管理员为辖区内社区的奖品补充库存（add 件）。奖品不在辖区内答 404 REWARD_NOT_FOUND，字段不对答 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "200", description = "补充后的奖品", content = @Content(
            schema = @Schema(implementation = PointsViews.VolunteerRewardView.class),
            examples = @ExampleObject(name = "reward", value = REWARD)))
    public Uni<PointsViews.VolunteerRewardView> restock(@PathParam("id") long id,
                                                        @RequestBody(required = true, content = @Content(
                                                                schema = @Schema(implementation = PointsRequests.VolunteerRewardRestock.class),
                                                                examples = @ExampleObject(name = "restock", value = "{\"add\":20}")))
                                                        @Valid @NotNull PointsRequests.VolunteerRewardRestock body) {
        return service.restock(caller.actor(null), id, body.add());
    }

    @POST
    @Path("{id: \\d+}/redeem")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "用积分兑换奖品 (redeemVolunteerReward)",
            description = "志愿者用积分兑换本社区的奖品：同一事务里扣一件库存并记一条支出流水。库存不会为负、余额不会透支，"
                    + "并发兑换也一样。已兑完或已下架答 409 OUT_OF_STOCK，积分不够答 409 INSUFFICIENT_POINTS（两者都不发生），"
                    + "不是本社区的奖品答 404 REWARD_NOT_FOUND，尚未登记为志愿者答 404 VOLUNTEER_NOT_FOUND。")
    @APIResponse(responseCode = "201", description = "兑换记录与兑换后的余额", content = @Content(
            schema = @Schema(implementation = PointsViews.VolunteerRedemptionView.class),
            examples = @ExampleObject(name = "redemption", value = """
                    {"id":301,"rewardId":5,"rewardName":"环保购物袋","cost":30,"balance":50,\
                    "createdAt":"2026-03-04T10:00:00+08:00"}""")))
    public Uni<Response> redeem(@PathParam("id") long id) {
        return service.redeem(caller.actor(null), id)
                .map(r -> Response.status(Response.Status.CREATED).entity(r).build());
    }
}
