package cn.gridgov.incident;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * THE parsing of the incident list's query parameters into an {@link IncidentFilter}, with its 400s (BAD_STATUS,
 * BAD_SOURCE, BAD_ASSIGNEE_FILTER, BAD_BBOX, BAD_TIME): the list and the exports take the same filters.
 */
public final class IncidentFilterParams {

    private IncidentFilterParams() {
    }

    /** The filter without cursor and limit; {@code type} is the system the box corners are given in. */
    public static IncidentFilter of(List<String> status, String categoryCode, String source, Long regionId,
                                    String assignee, Boolean overdue, Double minLng, Double minLat, Double maxLng,
                                    Double maxLat, CoordType type, String from, String to, Long beforeId, int limit) {
        if (assignee != null && !"me".equalsIgnoreCase(assignee.trim())) {
            throw DomainException.badRequest("BAD_ASSIGNEE_FILTER", "assignee 只支持 me", "assignee supports only 'me'");
        }
        return new IncidentFilter(statuses(status), blankToNull(categoryCode), source(source), regionId,
                assignee != null, overdue, bbox(minLng, minLat, maxLng, maxLat, type), time("from", from),
                time("to", to), beforeId, limit);
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

    private static IncidentSource source(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IncidentSource.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("BAD_SOURCE", "未知的事件来源：" + value, "Unknown source: " + value);
        }
    }

    /** The box in WGS-84; all four corners or none. */
    private static double[] bbox(Double minLng, Double minLat, Double maxLng, Double maxLat, CoordType type) {
        if (minLng == null && minLat == null && maxLng == null && maxLat == null) {
            return null;
        }
        if (minLng == null || minLat == null || maxLng == null || maxLat == null || minLng >= maxLng || minLat >= maxLat) {
            throw DomainException.badRequest("BAD_BBOX", "范围应同时给出 minLng、minLat、maxLng、maxLat，且最小值小于最大值",
                    "Give minLng, minLat, maxLng and maxLat together, each minimum below its maximum");
        }
        LngLat sw = type.toWgs84(LngLat.checked(minLng, minLat));
        LngLat ne = type.toWgs84(LngLat.checked(maxLng, maxLat));
        return new double[] {sw.lng(), sw.lat(), ne.lng(), ne.lat()};
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
