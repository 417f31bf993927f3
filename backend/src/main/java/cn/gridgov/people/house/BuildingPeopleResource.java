package cn.gridgov.people.house;

import cn.gridgov.common.imports.ImportTable;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.people.importing.PeopleImports;
import cn.gridgov.people.roster.RosterService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;

/** A building's rooms, roster and bulk import, for the grid worker of the compound and the staff above. */
@Path("/api/v1/buildings/{buildingId}")
@Produces(MediaType.APPLICATION_JSON)
public class BuildingPeopleResource {

    static final String ROOM = """
            {"id":5101,"buildingId":412,"unitName":"1单元","number":"302","floor":3,"areaM2":88.5,"use":"RENTED","version":0}""";

    public static final String HOUSEHOLD = """
            {"id":7301,"label":null,"version":0,"room":{"id":5101,"unitName":"1单元","number":"302","floor":3,"use":"RENTED"},\
            "building":{"id":412,"name":"幸福里3栋"},"people":[{"id":9901,"householdId":7301,"name":"张小明",\
            "idNumber":"1101**********4514","phone":"138****1234","gender":"MALE","birthDate":"1990-03-07",\
            "relation":"HEAD","tags":["LOW_INCOME"],"partyMemberId":null,"volunteerId":null,"version":0}]}""";

    private static final String CSV_FILE = """
            单元,房号,楼层,面积,用途,户,姓名,身份证号,手机号,与户主关系,标签
            1单元,302,3,88.5,出租,,张小明,110101199003074514,13812341234,户主,低收入
            1单元,302,3,88.5,出租,,李红,,,配偶,
            1单元,401,4,90,空置,,,,,,
            """;

    private final HouseService houses;
    private final RosterService roster;
    private final PeopleImports imports;
    private final Caller caller;

    public BuildingPeopleResource(HouseService houses, RosterService roster, PeopleImports imports, Caller caller) {
        this.houses = houses;
        this.roster = roster;
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Path("rooms")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "新建房屋（辖区内楼栋） (createRoom)",
            description = "在楼栋下新建房屋，单元按名称自动建立。楼栋不在辖区内或不是楼栋 404 BUILDING_NOT_FOUND；字段有误 400 "
                    + "VALIDATION_FAILED（errors 逐项列出）；同一单元房号重复 409 ROOM_NUMBER_TAKEN。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RoomRequest.class), examples = @ExampleObject(name = "room", value = """
            {"unitName":"1单元","number":"302","floor":3,"areaM2":88.5,"use":"RENTED"}""")))
    @APIResponse(responseCode = "201", description = "已新建；Location 为该房屋", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomView.class),
            examples = @ExampleObject(name = "room", value = ROOM)))
    public Uni<Response> createRoom(@Parameter(description = "楼栋（区域）编号", example = "412") @RestPath long buildingId,
                                    @NotNull RoomRequest body) {
        return houses.createRoom(caller.actor(null), buildingId, body)
                .map(room -> Response.created(URI.create("/api/v1/rooms/" + room.id())).entity(room).build());
    }

    @GET
    @Path("roster")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "楼栋花名册：按住户列出房屋和人员，游标分页 (buildingRoster)",
            description = "辖区内楼栋的住户（按编号），每户带房屋和人员；身份证号、手机号均脱敏。limit 默认 50、最多 200。"
                    + "楼栋不在辖区内 404 BUILDING_NOT_FOUND；参数不对 400 BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页住户；nextCursor 为空表示没有更多", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
            @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = HouseholdView.class),
            @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + HOUSEHOLD + "],\"nextCursor\":null}")))
    public Uni<CursorPage<HouseholdView>> roster(@Parameter(description = "楼栋（区域）编号", example = "412") @RestPath long buildingId,
                                                 @RestQuery String cursor, @RestQuery String limit) {
        return roster.roster(caller.actor(null), buildingId, cursor, limit);
    }

    @POST
    @Path("people/import")
    @Consumes({"text/csv", ImportTable.XLSX, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "批量导入楼栋的房屋、住户和人员（CSV 或 Excel，全部成功或全部不写入） (importPeople)",
            description = "文件为 CSV（UTF-8）或 Excel .xlsx（第一个工作表），表头 单元,房号,楼层,面积,用途,户,姓名,身份证号,手机号,"
                    + "与户主关系,标签（也可用英文列名 unitName,number,floor,areaM2,use,household,name,idNumber,phone,relation,tags）；"
                    + "房号、用途必填；填了姓名的行是一个人，同一房屋、同一「户」标签的人为一户；标签用顿号分隔。楼栋中已有的房屋"
                    + "（同单元同房号）和住户（同标签）会沿用。任一行有问题（含身份证号校验位错误、文件内或全县重复）时整个文件都不写入，"
                    + "答 422 PEOPLE_IMPORT_REJECTED，rows 逐行列出行号（表头为第 1 行）和原因；文件无法读取 400 BAD_PEOPLE_FILE；"
                    + "楼栋不在辖区内 404 BUILDING_NOT_FOUND；一次最多 5000 行。")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, description = "CSV"),
                    examples = @ExampleObject(name = "csv", value = CSV_FILE)),
            @Content(mediaType = ImportTable.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary",
                    description = "Excel .xlsx")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING,
                    format = "binary", description = "CSV 或 .xlsx（按内容识别）"))})
    @APIResponse(responseCode = "200", description = "已全部导入", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PeopleImports.Imported.class),
            examples = @ExampleObject(name = "imported", value = "{\"rooms\":2,\"households\":1,\"people\":2}")))
    @APIResponse(responseCode = "422", description = "有问题的行（未写入任何数据）", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "rejected", value = """
            {"type":"about:blank","title":"Unprocessable Content","status":422,"code":"PEOPLE_IMPORT_REJECTED",\
            "detail":"导入被拒绝，未写入任何数据：1 行有问题","rows":[{"row":3,"code":"1单元 302","field":"idNumber",\
            "reason":"第 3 行：身份证号校验位不正确（请核对号码）"}]}""")))
    public Uni<PeopleImports.Imported> importPeople(
            @Parameter(description = "楼栋（区域）编号", example = "412") @RestPath long buildingId, byte[] body) {
        return imports.importFile(caller.actor(null), buildingId, body == null ? new byte[0] : body);
    }
}
