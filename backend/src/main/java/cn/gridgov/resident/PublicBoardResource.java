package cn.gridgov.resident;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.identity.ClientAddress;
import cn.gridgov.incident.IncidentStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The public board (政务公开), without login: closed public incidents with personal data removed, and totals per
 * town and community; limited per client address, cacheable (ETag, Cache-Control: public).
 */
@Path("/api/v1/public")
@PermitAll
public class PublicBoardResource {

    private static final String INCIDENT = """
            {"id":1024,"categoryCode":"0101","categoryName":"井盖破损或缺失","kind":"REQUEST","status":"CLOSED",\
            "description":"幸福里小区东门人行道井盖缺失，联系电话***","reporter":"匿名居民",\
            "town":{"id":2,"name":"城关镇"},"community":{"id":37,"name":"幸福里社区"},\
            "compound":{"id":205,"name":"幸福里小区"},"position":{"lng":117.28312,"lat":31.86102,"coordType":"gcj02"},\
            "reportedAt":"2026-03-01T08:00:00+08:00","closedAt":"2026-03-01T16:30:00+08:00","onTime":true,"rating":5}""";

    private static final String STATS = """
            {"from":"2026-03-01T00:00:00+08:00","to":null,"towns":[{"id":2,"name":"城关镇",\
            "totals":{"received":120,"closed":97,"onTimeRate":0.9375,"rated":64,"satisfaction":0.9063},\
            "communities":[{"id":37,"name":"幸福里社区",\
            "totals":{"received":45,"closed":40,"onTimeRate":0.95,"rated":30,"satisfaction":0.9333}}]}]}""";

    private final PublicBoardService board;
    private final PublicBoardConfig config;
    private final ClientAddress clientAddress;
    private final ObjectMapper json;

    public PublicBoardResource(PublicBoardService board, PublicBoardConfig config, ClientAddress clientAddress,
                               ObjectMapper json) {
        this.board = board;
        this.config = config;
        this.clientAddress = clientAddress;
        this.json = json;
    }

    @GET
    @Path("/incidents")
    @Operation(summary = "政务公开：已办结的公开诉求和公开的工作人员上报，去除个人信息，游标分页 (publicIncidents)",
            description = "无需登录。只含居民选择公开（isPublic）且已办结的诉求，以及公开的工作人员上报（不予受理、撤回的除外）；"
                    + "不含姓名、电话、openid：选择匿名的居民显示为“匿名居民”，其他居民只显示昵称首字加 **，工作人员显示为“网格员”；"
                    + "描述中像电话、证件号、邮箱的内容替换为 ***，提交人自己的昵称替换为 **；位置取小区（不在小区内时取社区）的面内点，不是上报位置。"
                    + "可按 townId、communityId、categoryCode、status（可多个）和上报时间 from/to 筛选；coordType 为 gcj02（默认）"
                    + "或 wgs84。带 ETag 和 Cache-Control: public，If-None-Match 命中答 304。同一地址访问过于频繁答 429 "
                    + "TOO_MANY_BOARD_REQUESTS（带 Retry-After）。参数不对时 400 BAD_STATUS、BAD_TIME、BAD_CURSOR、BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页公开事件；nextCursor 为空表示没有更多",
            headers = {@Header(name = "ETag", description = "内容的强 ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "public, max-age=60",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = PublicIncidentView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + INCIDENT
                            + "],\"nextCursor\":\"azoxMDI0\"}")))
    @APIResponse(responseCode = "304", description = "If-None-Match 与当前内容相同，无需重新下载")
    public Uni<Response> incidents(
            @Parameter(description = "乡镇（街道）编号", example = "2") @RestQuery Long townId,
            @Parameter(description = "社区（村）编号", example = "37") @RestQuery Long communityId,
            @Parameter(description = "事件分类代码", example = "0101") @RestQuery String categoryCode,
            @Parameter(description = "状态，可多个或逗号分隔", example = "CLOSED") @RestQuery List<String> status,
            @Parameter(description = "上报时间不早于（带时区的 ISO-8601）", example = "2026-03-01T00:00:00+08:00") @RestQuery String from,
            @Parameter(description = "上报时间早于（带时区的 ISO-8601）", example = "2026-04-01T00:00:00+08:00") @RestQuery String to,
            @Parameter(description = "gcj02（默认）或 wgs84", example = "gcj02") @RestQuery String coordType,
            @Parameter(description = "上一页的 nextCursor", example = "azoxMDI0") @RestQuery String cursor,
            @Parameter(description = "每页条数，1–200，默认 20", example = "20") @RestQuery String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context HttpServerRequest request) {
        CoordType type = CoordType.parse(coordType, CoordType.GCJ02);
        PublicBoardRepository.Filter filter = new PublicBoardRepository.Filter(townId, communityId,
                categoryCode == null || categoryCode.isBlank() ? null : categoryCode.trim(), statuses(status),
                time("from", from), time("to", to), CursorPage.after(cursor), CursorPage.limit(limit));
        return board.admit(clientAddress.of(request))
                .chain(() -> board.incidents(filter, type))
                .map(page -> cacheable(page, ifNoneMatch));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "政务公开：各乡镇、社区的受理、办结、按时办结率和满意率 (publicStats)",
            description = "无需登录。按乡镇和其下社区汇总上报时间在 from/to 之间的事件：received 受理数，closed 已结束数"
                    + "（办结、不予受理、撤回），onTimeRate 办结中按时办结的比例，rated 评价数，satisfaction 评价中 4–5 星的比例"
                    + "（县里可配置把超过评价期限未评价的计为满意，默认不计）；没有分母时为 null。可用 townId 只看一个乡镇。"
                    + "带 ETag 和 Cache-Control: public，If-None-Match 命中答 304；同一地址访问过于频繁答 429 "
                    + "TOO_MANY_BOARD_REQUESTS。参数不对时 400 BAD_TIME。")
    @APIResponse(responseCode = "200", description = "各乡镇、社区的汇总",
            headers = {@Header(name = "ETag", description = "内容的强 ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "public, max-age=60",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublicStatsView.class),
                    examples = @ExampleObject(name = "stats", value = STATS)))
    @APIResponse(responseCode = "304", description = "If-None-Match 与当前内容相同，无需重新下载")
    public Uni<Response> stats(
            @Parameter(description = "乡镇（街道）编号", example = "2") @RestQuery Long townId,
            @Parameter(description = "上报时间不早于（带时区的 ISO-8601）", example = "2026-03-01T00:00:00+08:00") @RestQuery String from,
            @Parameter(description = "上报时间早于（带时区的 ISO-8601）", example = "2026-04-01T00:00:00+08:00") @RestQuery String to,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context HttpServerRequest request) {
        Instant start = time("from", from);
        Instant end = time("to", to);
        return board.admit(clientAddress.of(request))
                .chain(() -> board.stats(townId, start, end))
                .map(stats -> cacheable(stats, ifNoneMatch));
    }

    /** The answer as JSON with its strong ETag (a hash of the bytes), or 304 when the client has it already. */
    private Response cacheable(Object body, String ifNoneMatch) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String etag = etag(bytes);
        Response.ResponseBuilder answer = matches(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(new String(bytes, StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"));
        return answer.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + config.maxAge().toSeconds())
                .build();
    }

    private static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static Set<IncidentStatus> statuses(List<String> values) {
        Set<IncidentStatus> out = EnumSet.noneOf(IncidentStatus.class);
        if (values == null) {
            return out;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(IncidentStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw DomainException.badRequest("BAD_STATUS", "未知的事件状态：" + part, "Unknown status: " + part);
                }
            }
        }
        return out;
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest("BAD_TIME", name + " 应为带时区的 ISO-8601 时间，如 2026-03-01T08:00:00+08:00",
                    name + " must be an ISO-8601 time with offset, e.g. 2026-03-01T08:00:00+08:00");
        }
    }
}
