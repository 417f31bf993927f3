package cn.gridgov.common.paging;

import java.util.List;
import java.util.function.ToLongFunction;

/** One page of a cursor-paged list: the items and the opaque cursor of the next page ({@code null} at the end). */
public record CursorPage<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from a query that fetched up to {@code limit + 1} rows ordered by a long key: the extra row
     * only says that there is a next page, whose cursor is the key of the last item kept.
     */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, ToLongFunction<T> key) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new CursorPage<>(items, Cursor.encode(key.applyAsLong(items.get(limit - 1))));
    }
}
