package cn.gridgov.stats.export;

import cn.gridgov.common.error.DomainException;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The query of an export: the incident list's filters, the coordinate system, and whether to reveal personal data. */
public class ExportParams {

    @RestQuery
    @Parameter(description = "状态，可重复或逗号分隔，如 REPORTED,ACCEPTED", example = "REPORTED,ACCEPTED")
    List<String> status;

    @RestQuery
    @Parameter(description = "分类编码（大类编码含其小类）", example = "0101")
    String categoryCode;

    @RestQuery
    @Parameter(description = "来源：GRID_REPORT、PATROL、RESIDENT、HOTLINE、ASSIGNED、OPEN311", example = "RESIDENT")
    String source;

    @RestQuery
    @Parameter(description = "只导出该区域节点及其下级的事件（须在调用者辖区内）", example = "37")
    Long regionId;

    @RestQuery
    @Parameter(description = "只导出指派给自己的事件：me", example = "me")
    String assignee;

    @RestQuery
    @Parameter(description = "true 只导出超期未办结的，false 只导出未超期的", example = "true")
    Boolean overdue;

    @RestQuery
    @Parameter(description = "范围西南角经度（四角须同时给出，坐标系见 coordType）", example = "117.27")
    Double minLng;

    @RestQuery
    @Parameter(description = "范围西南角纬度", example = "31.85")
    Double minLat;

    @RestQuery
    @Parameter(description = "范围东北角经度", example = "117.30")
    Double maxLng;

    @RestQuery
    @Parameter(description = "范围东北角纬度", example = "31.87")
    Double maxLat;

    @RestQuery
    @Parameter(description = "坐标系：wgs84（默认）或 gcj02；用于范围参数和 CSV、.xlsx 中的经纬度（GeoJSON 固定为 wgs84）",
            example = "wgs84")
    String coordType;

    @RestQuery
    @Parameter(description = "上报时间不早于（带时区的 ISO-8601）", example = "2026-03-01T00:00:00+08:00")
    String from;

    @RestQuery
    @Parameter(description = "上报时间早于（带时区的 ISO-8601）", example = "2026-04-01T00:00:00+08:00")
    String to;

    @RestQuery("reveal")
    @Parameter(description = "true：导出上报人完整姓名和手机号（网格长及以上，记入审计）；默认 false（打码）", example = "false")
    String revealText;

    /** Whether full personal data is asked for; anything but true/false is 400 BAD_REVEAL. */
    boolean reveal() {
        if (revealText == null || revealText.isBlank()) {
            return false;
        }
        return switch (revealText.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.badRequest("BAD_REVEAL", "reveal 只能是 true 或 false：" + revealText,
                    "reveal must be true or false: " + revealText);
        };
    }

    /** The parameters given, as the export log keeps them. */
    Map<String, Object> echo() {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "status", status == null || status.isEmpty() ? null : String.join(",", status));
        put(out, "categoryCode", categoryCode);
        put(out, "source", source);
        put(out, "regionId", regionId);
        put(out, "assignee", assignee);
        put(out, "overdue", overdue);
        put(out, "minLng", minLng);
        put(out, "minLat", minLat);
        put(out, "maxLng", maxLng);
        put(out, "maxLat", maxLat);
        put(out, "coordType", coordType);
        put(out, "from", from);
        put(out, "to", to);
        put(out, "reveal", revealText);
        return out;
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
