package cn.gridgov.people.claim;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.people.house.HouseholdView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The resident's own household: claimed with a code from the grid worker, then read (and its people corrected). */
@Path("/api/v1/me/household")
@Produces(MediaType.APPLICATION_JSON)
public class MyHouseholdResource {

    private static final String HOUSEHOLD = """
            {"id":7301,"label":null,"version":0,"room":{"id":5101,"unitName":"1单元","number":"302","floor":3,"use":"RENTED"},\
            "building":{"id":412,"name":"幸福里3栋"},"people":[{"id":9901,"householdId":7301,"name":"张小明",\
            "idNumber":"1101**********4514","phone":"138****1234","gender":"MALE","birthDate":"1990-03-07",\
            "relation":"HEAD","tags":[],"partyMemberId":null,"volunteerId":null,"version":0}]}""";

    private final ClaimService claims;
    private final Caller caller;

    public MyHouseholdResource(ClaimService claims, Caller caller) {
        this.claims = claims;
        this.caller = caller;
    }

    /** The code the resident types in. */
    @Schema(name = "PeopleClaimRequest")
    public record ClaimRequest(@Schema(description = "网格员给的认领码", example = "K7M4Q2XP") String code) {
    }

    @GET
    @RolesAllowed(Role.RESIDENT)
    @Operation(summary = "我认领的住户及其人员 (myHousehold)",
            description = "身份证号、手机号脱敏。还没有认领 404 HOUSEHOLD_NOT_CLAIMED。更正人员信息用 PUT /api/v1/people/{id}，"
                    + "添加家人用 POST /api/v1/households/{id}/people。")
    @APIResponse(responseCode = "200", description = "住户", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HouseholdView.class), examples = @ExampleObject(name = "household", value = HOUSEHOLD)))
    public Uni<HouseholdView> mine() {
        return claims.mine(caller.actor(null));
    }

    @POST
    @Path("claim")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.RESIDENT)
    @Operation(summary = "用认领码认领住户 (claimHousehold)",
            description = "输入网格员给的认领码（一次有效、会过期），认领后即可查看和更正本户信息；再次认领其他住户会替换原来的。"
                    + "认领码缺失、错误、已使用或已过期 400 CLAIM_CODE_INVALID；每位居民每小时最多尝试 10 次（对错都计，可由部署方调整），"
                    + "超过 429 TOO_MANY_CLAIM_ATTEMPTS，带 Retry-After。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClaimRequest.class),
            examples = @ExampleObject(name = "claim", value = "{\"code\":\"K7M4Q2XP\"}")))
    @APIResponse(responseCode = "200", description = "认领的住户", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HouseholdView.class), examples = @ExampleObject(name = "household", value = HOUSEHOLD)))
    public Uni<HouseholdView> claim(@NotNull ClaimRequest body) {
        return claims.claim(caller.actor(null), body.code());
    }
}
