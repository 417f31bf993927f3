package cn.gridgov.common.text;

import cn.gridgov.common.error.DomainException;

/**
 * The one rule for text we accept from clients (paths, query parameters, JSON strings): no C0 control
 * characters except tab, CR and LF (PostgreSQL refuses NUL in text), and no unpaired UTF-16 surrogates.
 */
public final class AllowedText {

    private AllowedText() {
    }

    /** The index of the first character the rule refuses, or -1 when all of {@code text} is allowed. */
    public static int firstRefused(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean allowed(CharSequence text) {
        return text == null || firstRefused(text) < 0;
    }

    /** The 400 answer to text the rule refuses. */
    public static DomainException refused() {
        return DomainException.badRequest(CODE, ZH, EN);
    }

    public static final String CODE = "INVALID_CHARACTERS";
    public static final String ZH = "请求中含有不允许的字符（如 NUL 等控制字符），请删除后重试";
    public static final String EN = "The request contains characters that are not allowed (such as NUL or other control characters)";
}
