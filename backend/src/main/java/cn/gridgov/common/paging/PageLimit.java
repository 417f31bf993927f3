package cn.gridgov.common.paging;

import cn.gridgov.common.error.DomainException;

/** Parses the {@code limit} of a paged list: a default when absent, a hard upper bound, 400 otherwise. */
public final class PageLimit {

    public static final int DEFAULT = 20;
    public static final int MAX = 200;

    private PageLimit() {
    }

    public static int parse(String limit) {
        return parse(limit, DEFAULT, MAX);
    }

    public static int parse(String limit, int defaultLimit, int max) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw DomainException.badRequest("BAD_LIMIT", "limit 应为 1 到 " + max + " 之间的整数：" + limit,
                "limit must be an integer from 1 to " + max + ": " + limit);
    }
}
