package cn.gridgov.people.person;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.ClientAddress;
import cn.gridgov.people.house.Versions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/** People (人员): found by exact ID number or phone, read and edited in scope, revealed in full to leaders (audited). */
@Path("/api/v1/people")
@Produces(MediaType.APPLICATION_JSON)
public class PersonResource {

    private static final String PERSON = """
            {"id":9901,"householdId":7301,"name":"张小明","idNumber":"1101**********4514","phone":"138****1234",\
            "gender":"MALE","birthDate":"1990-03-07","relation":"HEAD","tags":["LOW_INCOME"],"partyMemberId":null,\
            "volunteerId":null,"version":0}""";

    private final PersonService people;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public PersonResource(PersonService people, Caller caller, ClientAddress clientAddress) {
        this.people = people;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "按身份证号或手机号精确查找辖区内人员 (findPeople)",
            description = "二者只给一个，按完整号码精确匹配（服务端以密钥摘要比对，不解密）；答复中号码脱敏。只返回辖区内的人员（最多 50 个）。"
                    + "两个都给或都不给 400 PERSON_SEARCH_ONE_KEY。")
    @APIResponse(responseCode = "200", description = "匹配的人员", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = PersonView.class),
            examples = @ExampleObject(name = "found", value = "[" + PERSON + "]")))
    public Uni<List<PersonView>> find(@Parameter(description = "完整身份证号", example = "110101199003074514") @RestQuery String idNumber,
                                      @Parameter(description = "完整手机号", example = "13812341234") @RestQuery String phone) {
        return people.search(caller.actor(null), idNumber, phone);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "人员详情（脱敏） (person)",
            description = "工作人员看辖区内的人员，居民看自己认领住户的人员；其他人员答 404 PERSON_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "人员", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PersonView.class), examples = @ExampleObject(name = "person", value = PERSON)))
    public Uni<PersonView> get(@Parameter(description = "人员编号", example = "9901") @RestPath long id) {
        return people.get(caller.actor(null), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "修改人员信息 (updatePerson)",
            description = "整体替换各字段，须带读取时的 version。工作人员改辖区内人员；居民更正自己认领住户的人员（姓名、身份证号、电话、"
                    + "与户主关系；标签和关联保持不变）。身份证号、电话须重新完整填写（不填即清除）。已被他人修改 409 STALE_VERSION；"
                    + "字段有误 400 VALIDATION_FAILED；身份证号已登记 409 PERSON_ID_NUMBER_TAKEN；不可见 404 PERSON_NOT_FOUND。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PersonRequest.class), examples = @ExampleObject(name = "person", value = """
            {"name":"张小明","idNumber":"110101199003074514","phone":"13912345678","relation":"HEAD","tags":["LOW_INCOME"],\
            "version":0}""")))
    @APIResponse(responseCode = "200", description = "修改后的人员", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PersonView.class), examples = @ExampleObject(name = "person", value = PERSON)))
    public Uni<PersonView> update(@Parameter(description = "人员编号", example = "9901") @RestPath long id,
                                  @NotNull PersonRequest body) {
        return people.update(caller.actor(null), id, body);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "删除人员（迁出） (deletePerson)",
            description = "工作人员删辖区内人员，居民删自己认领住户的人员；须带读取时的 version；已被他人修改 409 STALE_VERSION；"
                    + "不可见 404 PERSON_NOT_FOUND。")
    @APIResponse(responseCode = "204", description = "已删除")
    public Uni<Void> delete(@Parameter(description = "人员编号", example = "9901") @RestPath long id,
                            @Parameter(description = "读取时的版本号", example = "0") @RestQuery String version) {
        return people.delete(caller.actor(null), id, Versions.required(version));
    }

    @GET
    @Path("{id}/id-number")
    @RolesAllowed(Role.ANY_LEADER)
    @Operation(summary = "查看人员完整身份证号（记录审计日志） (personIdNumber)",
            description = "网格长和管理员查看辖区内人员的完整身份证号，可用 reason 说明用途（最长 200 字）；每次查看都记入个人信息查看审计日志。"
                    + "其他角色 403；不在辖区内 404 PERSON_NOT_FOUND；未登记 404 ID_NUMBER_NOT_SET。")
    @APIResponse(responseCode = "200", description = "完整身份证号", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class),
            examples = @ExampleObject(name = "idNumber", value = "{\"idNumber\":\"110101199003074514\"}")))
    public Uni<Map<String, String>> idNumber(@Parameter(description = "人员编号", example = "9901") @RestPath long id,
                                             @RestQuery @Size(max = 200) String reason, @Context HttpServerRequest request) {
        return people.reveal(caller.actor(clientAddress.of(request)), id, true, reason).map(v -> Map.of("idNumber", v));
    }

    @GET
    @Path("{id}/phone")
    @RolesAllowed(Role.ANY_LEADER)
    @Operation(summary = "查看人员完整电话（记录审计日志） (personPhone)",
            description = "网格长和管理员查看辖区内人员的完整电话，可用 reason 说明用途（最长 200 字）；每次查看都记入个人信息查看审计日志。"
                    + "其他角色 403；不在辖区内 404 PERSON_NOT_FOUND；未登记 404 PHONE_NOT_SET。")
    @APIResponse(responseCode = "200", description = "完整电话", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class),
            examples = @ExampleObject(name = "phone", value = "{\"phone\":\"13812341234\"}")))
    public Uni<Map<String, String>> phone(@Parameter(description = "人员编号", example = "9901") @RestPath long id,
                                          @RestQuery @Size(max = 200) String reason, @Context HttpServerRequest request) {
        return people.reveal(caller.actor(clientAddress.of(request)), id, false, reason).map(v -> Map.of("phone", v));
    }
}
