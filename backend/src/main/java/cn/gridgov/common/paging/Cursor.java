package cn.gridgov.common.paging;

import cn.gridgov.common.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors over a long key (ids): clients pass them back, never build them. */
public final class Cursor {

    private static final String PREFIX = "k:";

    private Cursor() {
    }

    public static String encode(long key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which the next page starts; {@code null} for the first page; 400 for a forged cursor. */
    public static Long decode(String cursor) {
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
}
