package cn.gridgov.stats.export;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.ClientAddress;
import cn.gridgov.incident.IncidentFilter;
import cn.gridgov.incident.IncidentFilterParams;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Incidents taken away as files (CSV, GeoJSON, .xlsx), filtered as the incident list is and streamed from the
 * database, and the responsibility list (CSV, .xlsx) with them: blocking methods, so they run on a worker thread and
 * write the body there as rows arrive.
 */
@Path("/api/v1/exports")
@RolesAllowed(Role.STAFF)
public class IncidentExportResource {

    static final String ROWS_HEADER = "X-Export-Rows";

    private static final String RULES = "筛选参数与事件列表（GET /api/v1/incidents）相同：status、categoryCode、source、regionId、"
            + "assignee=me、overdue、minLng/minLat/maxLng/maxLat、from、to（上报时间，带时区的 ISO-8601），没有游标和条数，"
            + "一次导出全部符合条件的事件（最新在前）。只含调用者看得到的事件：辖区内的、自己上报的和指派给自己的。"
            + "列头为中文，时间为北京时间（Asia/Shanghai）。上报人姓名和手机号默认打码（张**、138****1234）；"
            + "网格长及以上角色可加 reveal=true 导出完整信息，每次导出记入个人信息查看审计。"
            + "X-Export-Rows 响应头给出行数；文件名在 Content-Disposition 的 filename*（RFC 5987，UTF-8）中。"
            + "错误：筛选参数不对 400 BAD_STATUS、BAD_SOURCE、BAD_ASSIGNEE_FILTER、BAD_BBOX、BAD_TIME、BAD_COORD_TYPE、BAD_REVEAL；"
            + "居民 403 FORBIDDEN；无权查看完整信息却要 reveal 403 FORBIDDEN；regionId 不在辖区内 404 REGION_NOT_FOUND；"
            + "超过行数上限（默认 1,000,000 行，.xlsx 最多 1,048,575 行）422 EXPORT_TOO_LARGE；导出任务过多 503 EXPORT_BUSY。";

    private static final String RESPONSIBILITY_RULES = "每个分类一行：当前版本的牵头部门、配合部门（以“、”分隔）、法律依据、"
            + "报到时限（工作小时）、版本、修改人编号和修改时间（北京时间），按分类编码排序；尚无清单的分类不出现。"
            + "所有工作人员（含部门人员）可导出；居民 403 FORBIDDEN。X-Export-Rows 响应头给出行数；文件名在 "
            + "Content-Disposition 的 filename* 中（权责清单-yyyyMMdd-HHmm）。";

    private final IncidentExportService exports;
    private final ResponsibilityExport responsibilities;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public IncidentExportResource(IncidentExportService exports, ResponsibilityExport responsibilities, Caller caller,
                                  ClientAddress clientAddress) {
        this.exports = exports;
        this.responsibilities = responsibilities;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @GET
    @Path("/incidents.csv")
    @Produces("text/csv")
    @Operation(summary = "导出事件为 CSV（UTF-8 带 BOM，Excel 可直接打开） (incidentsCsv)",
            description = "CSV（RFC 4180，CRLF 换行，UTF-8 带 BOM），坐标默认 WGS-84，coordType=gcj02 时为 GCJ-02。以 =、+、-、@ "
                    + "开头的文本前加单引号，防止表格软件当作公式。" + RULES)
    @APIResponse(responseCode = "200", description = "CSV 文件，流式传输",
            headers = {@Header(name = "Content-Disposition", description = "attachment，filename* 为中文文件名",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ROWS_HEADER, description = "导出的行数", schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "csv", value = """
                            编号,状态,类别编码,类别,来源,乡镇（街道）,社区（村）,小区（网格）,上报时间,截止时间,办结时间,是否超期,描述,经度,纬度,上报人,上报人手机号,满意度评价
                            1024,已派单,0101,井盖破损或缺失,居民诉求,城关镇,幸福里社区,幸福里小区,2026-03-01 08:00:00,2026-03-02 12:00:00,,否,幸福里小区东门人行道井盖缺失,117.277124,31.863262,王**,138****1234,
                            """)))
    public Response csv(@BeanParam ExportParams params, @Context HttpServerRequest request) {
        return export(ExportFormat.CSV, params, request);
    }

    @GET
    @Path("/incidents.geojson")
    @Produces("application/geo+json")
    @Operation(summary = "导出事件为 GeoJSON（RFC 7946 要素集合） (incidentsGeoJson)",
            description = "FeatureCollection，每个事件一个 Point 要素，坐标为 WGS-84（RFC 7946 的规定，不接受 coordType=gcj02），"
                    + "属性名为英文（status 与 statusName、source 与 sourceName 等），时间为带 +08:00 的 ISO-8601。" + RULES)
    @APIResponse(responseCode = "200", description = "GeoJSON 文件，流式传输",
            headers = {@Header(name = "Content-Disposition", description = "attachment，filename* 为中文文件名",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ROWS_HEADER, description = "导出的要素数", schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = "application/geo+json", schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "featureCollection", value = """
                            {"type":"FeatureCollection","features":[{"type":"Feature","id":1024,\
                            "geometry":{"type":"Point","coordinates":[117.277124,31.863262]},\
                            "properties":{"id":1024,"status":"DISPATCHED","statusName":"已派单","categoryCode":"0101",\
                            "categoryName":"井盖破损或缺失","source":"RESIDENT","sourceName":"居民诉求","townName":"城关镇",\
                            "communityName":"幸福里社区","compoundName":"幸福里小区","reportedAt":"2026-03-01T08:00+08:00",\
                            "deadlineAt":"2026-03-02T12:00+08:00","closedAt":null,"overdue":false,\
                            "description":"幸福里小区东门人行道井盖缺失","reporterName":"王**","reporterPhone":"138****1234",\
                            "rating":null}}]}""")))
    public Response geoJson(@BeanParam ExportParams params, @Context HttpServerRequest request) {
        return export(ExportFormat.GEOJSON, params, request);
    }

    @GET
    @Path("/incidents.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "导出事件为 Excel 工作簿（.xlsx） (incidentsXlsx)",
            description = "一个名为“事件”的工作表，首行为中文列头（冻结），编号、经纬度和评价为数字，时间为日期单元格（北京时间）。"
                    + "坐标默认 WGS-84，coordType=gcj02 时为 GCJ-02。" + RULES)
    @APIResponse(responseCode = "200", description = ".xlsx 文件，流式传输",
            headers = {@Header(name = "Content-Disposition", description = "attachment，filename* 为中文文件名",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ROWS_HEADER, description = "导出的行数（不含列头）", schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "sheetRows",
                            summary = "二进制 .xlsx；这里给出工作表“事件”的前两行（列头与一行数据）读出后的值",
                            value = """
                                    [["编号","状态","类别编码","类别","来源","乡镇（街道）","社区（村）","小区（网格）","上报时间",\
                                    "截止时间","办结时间","是否超期","描述","经度","纬度","上报人","上报人手机号","满意度评价"],\
                                    [1024,"已派单","0101","井盖破损或缺失","居民诉求","城关镇","幸福里社区","幸福里小区",\
                                    "2026-03-01 08:00:00","2026-03-02 12:00:00",null,"否","幸福里小区东门人行道井盖缺失",\
                                    117.277124,31.863262,"王**","138****1234",null]]""")))
    public Response xlsx(@BeanParam ExportParams params, @Context HttpServerRequest request) {
        return export(ExportFormat.XLSX, params, request);
    }

    @GET
    @Path("/responsibilities.csv")
    @Produces("text/csv")
    @Operation(summary = "导出权责清单为 CSV (responsibilitiesCsv)",
            description = "CSV（RFC 4180，CRLF 换行，UTF-8 带 BOM），首行为中文列头；以 =、+、-、@ 开头的文本前加单引号。"
                    + RESPONSIBILITY_RULES)
    @APIResponse(responseCode = "200", description = "CSV 文件",
            headers = {@Header(name = "Content-Disposition", description = "attachment，filename* 为中文文件名",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ROWS_HEADER, description = "导出的行数", schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "csv", value = """
                            分类编码,分类名称,牵头部门,牵头部门编码,配合部门,法律依据,报到时限（工作小时）,版本,修改人编号,修改时间
                            0202,违法建设,县城管局,CGJ,县住建局、县市场监管局,《城乡规划法》第六十四条,2,3,12,2026-12-02 09:30:00
                            """)))
    @APIResponse(responseCode = "403", description = "居民不能导出（FORBIDDEN）")
    public Response responsibilitiesCsv() {
        return responsibilities(ExportFormat.CSV);
    }

    @GET
    @Path("/responsibilities.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "导出权责清单为 Excel 工作簿（.xlsx） (responsibilitiesXlsx)",
            description = "一个名为“权责清单”的工作表，首行为中文列头（冻结），报到时限、版本和修改人编号为数字。"
                    + RESPONSIBILITY_RULES)
    @APIResponse(responseCode = "200", description = ".xlsx 文件",
            headers = {@Header(name = "Content-Disposition", description = "attachment，filename* 为中文文件名",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ROWS_HEADER, description = "导出的行数（不含列头）", schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "sheetRows",
                            summary = "二进制 .xlsx；这里给出工作表“权责清单”的前两行读出后的值",
                            value = """
                                    [["分类编码","分类名称","牵头部门","牵头部门编码","配合部门","法律依据","报到时限（工作小时）",\
                                    "版本","修改人编号","修改时间"],["0202","违法建设","县城管局","CGJ","县住建局、县市场监管局",\
                                    "《城乡规划法》第六十四条",2,3,12,"2026-12-02 09:30:00"]]""")))
    @APIResponse(responseCode = "403", description = "居民不能导出（FORBIDDEN）")
    public Response responsibilitiesXlsx() {
        return responsibilities(ExportFormat.XLSX);
    }

    private Response responsibilities(ExportFormat format) {
        ResponsibilityExport.Prepared prepared = responsibilities.prepare(format);
        return Response.ok(prepared.body(), format.mediaType())
                .header("Content-Disposition", ContentDisposition.attachment(prepared.fileName(), prepared.asciiFileName()))
                .header(ROWS_HEADER, prepared.rows())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private Response export(ExportFormat format, ExportParams p, HttpServerRequest request) {
        CoordType coordType = CoordType.parse(p.coordType, CoordType.WGS84);
        IncidentFilter filter = IncidentFilterParams.of(p.status, p.categoryCode, p.source, p.regionId, p.assignee,
                p.overdue, p.minLng, p.minLat, p.maxLng, p.maxLat, coordType, p.from, p.to, null, 0);
        IncidentExportService.Prepared prepared = exports.prepare(caller.actor(clientAddress.of(request)),
                new IncidentExportService.Request(format, filter, coordType, p.reveal(), p.echo()));
        return Response.ok(prepared.body(), format.mediaType())
                .header("Content-Disposition", ContentDisposition.attachment(prepared.fileName(), prepared.asciiFileName()))
                .header(ROWS_HEADER, prepared.rows())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
