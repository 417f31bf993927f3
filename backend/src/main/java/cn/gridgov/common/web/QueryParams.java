package cn.gridgov.common.web;

import cn.gridgov.common.error.DomainException;

import java.util.Locale;

/** Parsing of optional query parameters, with the one 400 answer for each kind of bad value. */
public final class QueryParams {

    private QueryParams() {
    }

    /** An optional id parameter: {@code null} when absent, 400 {@code BAD_<NAME>} when not an integer. */
    public static Long optionalId(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("BAD_" + name.toUpperCase(Locale.ROOT), name + " 应为整数：" + value,
                    name + " must be an integer: " + value);
        }
    }
}
