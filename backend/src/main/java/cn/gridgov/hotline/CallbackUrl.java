package cn.gridgov.hotline;

import cn.gridgov.common.error.Invalid;

import java.net.URI;
import java.net.URISyntaxException;

/** The address a platform's state changes are posted to: an absolute http(s) URL of at most 500 characters. */
final class CallbackUrl {

    static final int MAX_LENGTH = 500;

    private CallbackUrl() {
    }

    /** {@code url} trimmed; null when blank; 400 HOTLINE_BAD_CALLBACK_URL when it is not one we can post to. */
    static String checked(String field, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            if (trimmed.length() <= MAX_LENGTH && uri.isAbsolute() && uri.getHost() != null && uri.getUserInfo() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // below
        }
        throw new Invalid("HOTLINE_BAD_CALLBACK_URL",
                field + " 应是不超过 500 字符、不含用户名密码的 http(s) 绝对地址",
                field + " must be an absolute http(s) URL of at most 500 characters without user information");
    }
}
