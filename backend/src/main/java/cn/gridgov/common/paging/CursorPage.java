package cn.gridgov.common.paging;

import cn.gridgov.common.error.DomainException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a cursor-paged list, the one paging type of every list: the items and the opaque cursor of the
 * next page ({@code null} at the end). Cursors wrap a long key (ids): clients pass them back, never build them.
 */
public record CursorPage<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /** The page size when the client gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest {@code limit} a client may ask for. */
    public static final int MAX_LIMIT = 200;

    private static final String PREFIX = "k:";

    /**
     * Builds a page from a query that fetched up to {@code limit + 1} rows ordered by a long key: the extra row
     * only says that there is a next page, whose cursor is the key of the last item kept.
     */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, ToLongFunction<T> key) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new CursorPage<>(items, encode(key.applyAsLong(items.get(limit - 1))));
    }

    /** The key after which the requested page starts; {@code null} for the first page; 400 for a forged cursor. */
    public static Long after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw DomainException.badRequest("BAD_CURSOR", "分页游标无效：" + cursor, "Invalid page cursor: " + cursor);
    }

    /** Parses the {@code limit} of a paged list: {@link #DEFAULT_LIMIT} when absent, at most {@link #MAX_LIMIT}. */
    public static int limit(String limit) {
        return limit(limit, DEFAULT_LIMIT);
    }

    /** As {@link #limit(String)}, with the list's own default; 400 for anything but 1 to {@link #MAX_LIMIT}. */
    public static int limit(String limit, int defaultLimit) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw DomainException.badRequest("BAD_LIMIT", "limit 应为 1 到 " + MAX_LIMIT + " 之间的整数：" + limit,
                "limit must be an integer from 1 to " + MAX_LIMIT + ": " + limit);
    }

    private static String encode(long key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }
}
