package cn.gridgov.people.house;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.people.claim.ClaimService;
import cn.gridgov.people.person.PersonRequest;
import cn.gridgov.people.person.PersonService;
import cn.gridgov.people.person.PersonView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;

/** Households (户): staff in scope manage them; the resident who claimed one reads it and corrects its people. */
@Path("/api/v1/households")
@Produces(MediaType.APPLICATION_JSON)
public class HouseholdResource {

    static final String PERSON = """
            {"id":9901,"householdId":7301,"name":"张小明","idNumber":"1101**********4514","phone":"138****1234",\
            "gender":"MALE","birthDate":"1990-03-07","relation":"HEAD","tags":["LOW_INCOME"],"partyMemberId":null,\
            "volunteerId":null,"version":0}""";

    private final HouseService houses;
    private final PersonService people;
    private final ClaimService claims;
    private final Caller caller;

    public HouseholdResource(HouseService houses, PersonService people, ClaimService claims, Caller caller) {
        this.houses = houses;
        this.people = people;
        this.claims = claims;
        this.caller = caller;
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "住户详情及其人员（身份证号、手机号脱敏） (household)",
            description = "工作人员看辖区内的住户；居民只能看自己认领的住户。其他住户与不存在的一样答 404 HOUSEHOLD_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "住户", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HouseholdView.class),
            examples = @ExampleObject(name = "household", value = BuildingPeopleResource.HOUSEHOLD)))
    public Uni<HouseholdView> get(@Parameter(description = "住户编号", example = "7301") @RestPath long id) {
        return houses.household(caller.actor(null), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "修改住户标签 (updateHousehold)",
            description = "须带读取时的 version；已被他人修改 409 STALE_VERSION；辖区外或不存在 404 HOUSEHOLD_NOT_FOUND；"
                    + "同一房屋标签重复 409 HOUSEHOLD_LABEL_TAKEN；缺 version 400 VALIDATION_FAILED。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RoomResource.HouseholdRequest.class),
            examples = @ExampleObject(name = "label", value = "{\"label\":\"东户\",\"version\":0}")))
    @APIResponse(responseCode = "200", description = "修改后的住户", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HouseholdView.class),
            examples = @ExampleObject(name = "household", value = BuildingPeopleResource.HOUSEHOLD)))
    public Uni<HouseholdView> update(@Parameter(description = "住户编号", example = "7301") @RestPath long id,
                                     @NotNull RoomResource.HouseholdRequest body) {
        return houses.updateHousehold(caller.actor(null), id, body.label(), body.version());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "删除住户（连同其人员） (deleteHousehold)",
            description = "须带读取时的 version；已被他人修改 409 STALE_VERSION；辖区外或不存在 404 HOUSEHOLD_NOT_FOUND。")
    @APIResponse(responseCode = "204", description = "已删除")
    public Uni<Void> delete(@Parameter(description = "住户编号", example = "7301") @RestPath long id,
                            @Parameter(description = "读取时的版本号", example = "0") @RestQuery String version) {
        return houses.deleteHousehold(caller.actor(null), id, Versions.required(version));
    }

    @POST
    @Path("{id}/people")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "为住户登记人员 (addPerson)",
            description = "工作人员为辖区内住户登记；居民为自己认领的住户登记（标签和党员、志愿者关联由工作人员填写，居民填写的忽略）。"
                    + "身份证号按 GB 11643 校验（18 位、校验位、出生日期），性别和出生日期由号码得出；字段有误 400 VALIDATION_FAILED；"
                    + "身份证号已登记 409 PERSON_ID_NUMBER_TAKEN；住户不可见 404 HOUSEHOLD_NOT_FOUND。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PersonRequest.class), examples = @ExampleObject(name = "person", value = """
            {"name":"张小明","idNumber":"110101199003074514","phone":"13812341234","relation":"HEAD","tags":["LOW_INCOME"]}""")))
    @APIResponse(responseCode = "201", description = "已登记；Location 为该人员", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonView.class),
            examples = @ExampleObject(name = "person", value = PERSON)))
    public Uni<Response> addPerson(@Parameter(description = "住户编号", example = "7301") @RestPath long id,
                                   @NotNull PersonRequest body) {
        return people.add(caller.actor(null), id, body)
                .map(p -> Response.created(URI.create("/api/v1/people/" + p.id())).entity(p).build());
    }

    @POST
    @Path("{id}/claim-codes")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "生成住户认领码（一次有效，交给住户） (issueClaimCode)",
            description = "辖区内工作人员为住户生成认领码，居民在小程序中输入后即认领该住户；认领码只在本次答复中出现，一次有效，"
                    + "默认 72 小时后过期（gridgov.people.claim-code-ttl），服务端只存其摘要。住户不在辖区内 404 HOUSEHOLD_NOT_FOUND。")
    @APIResponse(responseCode = "201", description = "认领码", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClaimService.ClaimCode.class), examples = @ExampleObject(name = "code", value = """
            {"code":"K7M4Q2XP","householdId":7301,"expiresAt":"2026-03-04T09:00:00+08:00"}""")))
    public Uni<Response> issueClaimCode(@Parameter(description = "住户编号", example = "7301") @RestPath long id) {
        return claims.issue(caller.actor(null), id).map(code -> Response.status(201).entity(code).build());
    }
}
