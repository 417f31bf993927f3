package cn.gridgov.stats.export;

import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the tabular exports (CSV, .xlsx) with their Chinese headers, the Chinese words for statuses and
 * sources, and how times are written; the GeoJSON properties carry the same values under English names.
 */
final class ExportColumns {

    /** The headers, in column order: {@link #cells} gives a row's values in the same order. */
    static final List<String> HEADERS = List.of("编号", "状态", "类别编码", "类别", "来源", "乡镇（街道）", "社区（村）",
            "小区（网格）", "上报时间", "截止时间", "办结时间", "是否超期", "描述", "经度", "纬度", "上报人", "上报人手机号",
            "满意度评价");

    /** Indexes of the time columns (written as dates in .xlsx). */
    static final int REPORTED_AT = 8;
    static final int DEADLINE_AT = 9;
    static final int CLOSED_AT = 10;
    static final int LNG = 13;
    static final int LAT = 14;
    static final int RATING = 17;

    /** Times in the tabular exports: Asia/Shanghai wall-clock time, as Excel reads it. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final Map<IncidentStatus, String> STATUS = new EnumMap<>(Map.of(
            IncidentStatus.REPORTED, "已上报", IncidentStatus.ACCEPTED, "已受理", IncidentStatus.DISPATCHED, "已派单",
            IncidentStatus.IN_PROGRESS, "处置中", IncidentStatus.RESOLVED, "已处置", IncidentStatus.CLOSED, "已办结",
            IncidentStatus.REJECTED, "不予受理", IncidentStatus.SUSPENDED, "已挂起"));

    private static final Map<IncidentSource, String> SOURCE = new EnumMap<>(Map.of(
            IncidentSource.GRID_REPORT, "网格员上报", IncidentSource.PATROL, "巡查发现", IncidentSource.RESIDENT, "居民诉求",
            IncidentSource.HOTLINE, "12345热线", IncidentSource.ASSIGNED, "上级交办", IncidentSource.OPEN311, "Open311接口",
            IncidentSource.VISIT, "走访发现"));

    private ExportColumns() {
    }

    static String status(IncidentStatus s) {
        return STATUS.get(s);
    }

    static String source(IncidentSource s) {
        return SOURCE.get(s);
    }

    static String time(OffsetDateTime t) {
        return t == null ? "" : TIME.format(t);
    }

    /**
     * The row's values as text, in {@link #HEADERS} order (empty for none): what CSV writes, and .xlsx for its
     * text columns.
     */
    static String[] cells(ExportRow r) {
        return new String[] {Long.toString(r.id()), status(r.status()), r.categoryCode(), r.categoryName(),
                source(r.source()), text(r.townName()), text(r.communityName()), text(r.compoundName()),
                time(r.reportedAt()), time(r.deadlineAt()), time(r.closedAt()), r.overdue() ? "是" : "否",
                text(r.description()), coordinate(r.lng()), coordinate(r.lat()), text(r.reporterName()),
                text(r.reporterPhone()), r.rating() == null ? "" : Integer.toString(r.rating())};
    }

    /** Degrees with six decimals (about 0.1 m), no exponent. */
    static String coordinate(double degrees) {
        return String.format(java.util.Locale.ROOT, "%.6f", degrees);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
