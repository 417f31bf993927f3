package cn.gridgov.open311;

import cn.gridgov.identity.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at {@code /open311/v2}, in XML (the standard's
 * own format) and JSON by the path's ending. Reading services needs no key; requests need the api_key a county
 * admin issued (GridGov's requests can hold residents' information, so reading them needs a key too).
 * Errors are the standard's error list ({@link Open311Errors}).
 */
@Path("/open311/v2")
@PermitAll
@Tag(name = "Open311", description = "Open311 GeoReport v2 开放接口（供其他系统对接）")
public class Open311Resource {

    private static final String FORMAT = "{format:xml|json}";
    private static final String FORMATS = "text/xml, application/json";

    private static final String SERVICES_JSON = """
            [{"service_code":"0101","service_name":"井盖破损或缺失","description":"公共设施：井盖破损或缺失（社区处置，时限 4 个工作小时）",\
            "metadata":true,"type":"realtime","keywords":"公共设施,井盖破损或缺失","group":"公共设施"}]""";
    private static final String SERVICES_XML = """
            <?xml version="1.0" encoding="utf-8"?><services><service><service_code>0101</service_code>\
            <service_name>井盖破损或缺失</service_name><description>公共设施：井盖破损或缺失（社区处置，时限 4 个工作小时）</description>\
            <metadata>true</metadata><type>realtime</type><keywords>公共设施,井盖破损或缺失</keywords><group>公共设施</group>\
            </service></services>""";
    private static final String DEFINITION_JSON = """
            {"service_code":"0101","attributes":[{"variable":true,"code":"occurred_at","datatype":"datetime",\
            "required":false,"datatype_description":"ISO 8601 时间，带时区，如 2026-03-01T07:50:00+08:00","order":1,\
            "description":"事情发生的时间（不填则为上报时间）"}]}""";
    private static final String REQUEST_JSON = """
            [{"service_request_id":"1042","status":"open","status_notes":null,"service_name":"井盖破损或缺失",\
            "service_code":"0101","description":"幸福里小区东门人行道井盖缺失","agency_responsible":"城关社区",\
            "service_notice":null,"requested_datetime":"2026-03-01T08:00:00+08:00",\
            "updated_datetime":"2026-03-01T08:30:00+08:00","expected_datetime":"2026-03-01T12:00:00+08:00",\
            "address":"青羊镇城关社区春晖嘉园1号楼","address_id":"88","zipcode":null,"lat":36.2,"long":113.43,"media_url":null}]""";
    private static final String CREATED_JSON = """
            [{"service_request_id":"1042","token":"6f1c2a4e-0b7d-4c9a-9e55-0a6b2d1f7c31","service_notice":"已受理，将按时限处置",\
            "account_id":null}]""";
    private static final String ERRORS_JSON = """
            [{"code":403,"description":"OPEN311_API_KEY_INVALID: api_key 无效或已被吊销"}]""";
    private static final String ERRORS_XML = """
            <?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code>\
            <description>OPEN311_API_KEY_INVALID: api_key 无效或已被吊销</description></error></errors>""";

    private final Open311Service open311;
    private final ClientAddress clientAddress;

    public Open311Resource(Open311Service open311, ClientAddress clientAddress) {
        this.open311 = open311;
        this.clientAddress = clientAddress;
    }

    @GET
    @Path("discovery." + FORMAT)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    @Operation(summary = "发现文档（Open311） (open311Discovery)",
            description = "GeoReport v2 的发现文档：规范地址、本服务的 URL、支持的格式（text/xml、application/json）与如何申请 API 密钥。"
                    + "路径以 .xml 或 .json 结尾决定应答格式；其他结尾 404（标准的错误列表）。")
    @APIResponse(responseCode = "200", description = "发现文档", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "discovery", value = """
                            {"changeset":"2026-12-02T00:00:00+08:00","contact":"县网格化服务管理中心（GridGov）",\
                            "key_service":"API 密钥由县级管理员签发","endpoints":[{"specification":"http://wiki.open311.org/GeoReport_v2",\
                            "url":"https://gridgov.example.cn/open311/v2","changeset":"2026-12-02T00:00:00+08:00","type":"production",\
                            "formats":["text/xml","application/json"]}]}""")),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING))})
    public Response discovery(@Parameter(description = "xml 或 json", example = "json") @PathParam("format") String format,
                              @Context UriInfo uri) {
        Open311Format f = Open311Format.parse(format);
        String url = uri.getBaseUri().resolve("open311/v2").toString();
        return answer(f, "discovery", open311.discovery(url), 200);
    }

    @GET
    @Path("services." + FORMAT)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    @Operation(summary = "服务列表（Open311，即可上报的事件类别） (open311Services)",
            description = "每个启用的事件类别是一个服务：service_code 为类别代码，group 为类别组；metadata 恒为 true，"
                    + "服务定义见 services/{service_code}。无需 api_key。")
    @APIResponse(responseCode = "200", description = "服务列表", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "services", value = SERVICES_JSON)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "services", value = SERVICES_XML))})
    public Uni<Response> services(@Parameter(description = "xml 或 json", example = "json") @PathParam("format") String format) {
        Open311Format f = Open311Format.parse(format);
        return open311.services().map(list -> answer(f, "services", list, 200));
    }

    @GET
    @Path("services/{serviceCode}." + FORMAT)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    @Operation(summary = "服务定义（Open311 附加问题） (open311ServiceDefinition)",
            description = "服务可回答的附加问题（attribute）：occurred_at（发生时间，datetime，选填）。提交时以 attribute[occurred_at] 传入。"
                    + "错误：类别不存在或已停用 404 OPEN311_SERVICE_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "服务定义", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "definition", value = DEFINITION_JSON)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = "没有这个服务（标准的错误列表）", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "notFound",
                            value = "[{\"code\":404,\"description\":\"OPEN311_SERVICE_NOT_FOUND: 没有这个 service_code：9999\"}]")))
    public Uni<Response> definition(@Parameter(description = "类别代码", example = "0101") @PathParam("serviceCode") String serviceCode,
                                    @Parameter(description = "xml 或 json", example = "json") @PathParam("format") String format) {
        Open311Format f = Open311Format.parse(format);
        return open311.definition(serviceCode).map(doc -> answer(f, "service_definition", doc, 200));
    }

    @POST
    @Path("requests." + FORMAT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    @Operation(summary = "提交诉求（Open311，来源 OPEN311，走与小程序上报相同的流程） (open311CreateRequest)",
            description = "表单字段：api_key（必填）、service_code（必填）、位置三选一（优先顺序）：lat 与 long（WGS-84）；"
                    + "address_id（节点编号，即答复中的 address_id，取其标注点）；address_string（含小区、楼栋名称的地址，按辖区内节点名称匹配，"
                    + "找不到 400 OPEN311_ADDRESS_NOT_FOUND，可能指两处 400 OPEN311_ADDRESS_AMBIGUOUS，也写入描述）；都没有 400 "
                    + "OPEN311_LOCATION_REQUIRED；description（必填，至多 2000 字）、"
                    + "media_url（选填，作为附图链接写入描述，不下载）、attribute[occurred_at]（选填）。email、first_name、"
                    + "last_name、phone、device_id、account_id 不保存（联系人信息留在发起系统）。位置须在密钥辖区内，"
                    + "否则 403 OPEN311_OUT_OF_SCOPE；不在本县网格内 400 OUTSIDE_COVERAGE。答复给出 service_request_id "
                    + "和 token（可用 tokens/{token} 查询）。错误为标准的错误列表：缺少或无效的 api_key 403，字段错误 400。")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "request",
                    value = "api_key=o311_xxxx&service_code=0101&lat=36.2003&long=113.4312&description=东门人行道井盖缺失")))
    @APIResponse(responseCode = "201", description = "已创建", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "created", value = CREATED_JSON)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "403", description = "api_key 缺少、无效、已吊销，或位置不在其辖区", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "invalidKey", value = ERRORS_JSON)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "invalidKey", value = ERRORS_XML))})
    public Uni<Response> create(@Parameter(description = "xml 或 json", example = "json") @PathParam("format") String format,
                                MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Open311Format f = Open311Format.parse(format);
        Open311Submission submission = new Open311Submission(form == null ? java.util.Map.of() : form);
        String address = clientAddress.of(http);
        return open311.client(submission.optional("api_key"))
                .chain(client -> open311.submit(client, submission, address))
                .map(list -> answer(f, "service_requests", list, 201));
    }

    @GET
    @Path("requests." + FORMAT)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    @Operation(summary = "查询诉求（Open311，密钥辖区内） (open311Requests)",
            description = "按 service_request_id（逗号分隔，至多 100 个；给出时忽略其他条件）或 service_code、start_date、end_date"
                    + "（带时区的 ISO 8601）、status（open、closed）查询；默认最近 90 天，至多 1000 条，新的在前。"
                    + "状态对应：未办结与待核查为 open，已办结、不予受理等为 closed。需要 api_key（诉求可能含居民信息），"
                    + "只返回密钥辖区内的诉求。")
    @APIResponse(responseCode = "200", description = "诉求列表", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "requests", value = REQUEST_JSON)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> requests(@Parameter(description = "xml 或 json", example = "json") @PathParam("format") String format,
                                  @Parameter(description = "签发的 API 密钥", required = true) @QueryParam("api_key") String apiKey,
                                  @Parameter(description = "逗号分隔的诉求编号", example = "1042,1043")
                                  @QueryParam("service_request_id") String ids,
                                  @Parameter(description = "逗号分隔的服务代码", example = "0101") @QueryParam("service_code") String serviceCode,
                                  @Parameter(description = "起始时间（ISO 8601）", example = "2026-03-01T00:00:00+08:00")
                                  @QueryParam("start_date") String startDate,
                                  @Parameter(description = "截止时间（ISO 8601）", example = "2026-03-31T23:59:59+08:00")
                                  @QueryParam("end_date") String endDate,
                                  @Parameter(description = "open 或 closed（可逗号分隔）", example = "open") @QueryParam("status") String status) {
        Open311Format f = Open311Format.parse(format);
        return open311.client(apiKey)
                .chain(client -> open311.requests(client, ids, serviceCode, startDate, endDate, status))
                .map(list -> answer(f, "service_requests", list, 200));
    }

    @GET
    @Path("requests/{id}." + FORMAT)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    @Operation(summary = "查询单个诉求（Open311） (open311Request)",
            description = "答复为只含一项的列表（标准的形式）。不存在或不在密钥辖区内 404 OPEN311_REQUEST_NOT_FOUND。需要 api_key。")
    @APIResponse(responseCode = "200", description = "诉求", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "request", value = REQUEST_JSON)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> request(@Parameter(description = "诉求编号", example = "1042") @PathParam("id") String id,
                                 @Parameter(description = "xml 或 json", example = "json") @PathParam("format") String format,
                                 @Parameter(description = "签发的 API 密钥", required = true) @QueryParam("api_key") String apiKey) {
        Open311Format f = Open311Format.parse(format);
        return open311.client(apiKey).chain(client -> open311.request(client, id))
                .map(list -> answer(f, "service_requests", list, 200));
    }

    @GET
    @Path("tokens/{token}." + FORMAT)
    @Produces({"text/xml", MediaType.APPLICATION_JSON})
    @Operation(summary = "由 token 查诉求编号（Open311） (open311Token)",
            description = "提交时得到的 token 对应的 service_request_id；只能查本密钥提交的。没有时 404 OPEN311_TOKEN_NOT_FOUND。需要 api_key。")
    @APIResponse(responseCode = "200", description = "token 对应的诉求编号", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "token",
                            value = "[{\"service_request_id\":\"1042\",\"token\":\"6f1c2a4e-0b7d-4c9a-9e55-0a6b2d1f7c31\"}]")),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> token(@Parameter(description = "提交时得到的 token") @PathParam("token") String token,
                               @Parameter(description = "xml 或 json", example = "json") @PathParam("format") String format,
                               @Parameter(description = "签发的 API 密钥", required = true) @QueryParam("api_key") String apiKey) {
        Open311Format f = Open311Format.parse(format);
        return open311.client(apiKey).chain(client -> open311.token(client, token))
                .map(list -> answer(f, "service_requests", list, 200));
    }

    private static Response answer(Open311Format format, String root, Object body, int status) {
        return Response.status(status).type(format.mediaType()).entity(Open311Writer.write(format, root, body)).build();
    }
}
