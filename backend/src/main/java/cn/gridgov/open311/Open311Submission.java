package cn.gridgov.open311;

import cn.gridgov.common.error.Invalid;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The form fields of a POST requests (application/x-www-form-urlencoded), read with clear errors. */
public record Open311Submission(Map<String, List<String>> fields) {

    /** The field's value, trimmed; null when absent or blank. */
    public String optional(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).trim();
    }

    public String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw new Invalid("OPEN311_FIELD_REQUIRED", "缺少必填字段：" + name, "Missing required field: " + name);
        }
        return value;
    }

    /** A coordinate in [min, max]; null when absent. */
    public Double coordinate(String name, double min, double max) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            if (!Double.isNaN(d) && d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Invalid("OPEN311_BAD_COORDINATE", name + " 应是 " + min + " 到 " + max + " 之间的数字：" + value,
                name + " must be a number between " + min + " and " + max + ": " + value);
    }

    /** An ISO 8601 time with offset; null when absent. */
    public OffsetDateTime dateTime(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid("OPEN311_BAD_DATE", name + " 应是带时区的 ISO 8601 时间，如 2026-03-01T07:50:00+08:00",
                    name + " must be an ISO 8601 time with offset, e.g. 2026-03-01T07:50:00+08:00");
        }
    }
}
