package cn.gridgov.common.web;

import cn.gridgov.common.text.AllowedText;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The first check of every request, before anything reads it: a URI too long (414), headers too large (431)
 * and a path or query with characters {@link AllowedText} refuses (400) are answered problem+json here.
 */
@ApplicationScoped
public class RequestGate {

    /** Before the body limits and everything else of ours. */
    static final int ROUTE_ORDER = BodySizeLimit.ROUTE_ORDER - 10;

    private final HttpLimitsConfig limits;
    private final ObjectMapper json;

    public RequestGate(HttpLimitsConfig limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String uri = request.uri();
        if (uri != null && uri.length() > limits.maxUriLength()) {
            ProblemAnswer.sendAndClose(ctx, json, 414, "URI_TOO_LONG",
                    "请求地址过长（超过 " + limits.maxUriLength() + " 个字符），请缩短查询条件",
                    "The request URI is too long (more than " + limits.maxUriLength() + " characters)");
        } else if (headerBytes(request.headers()) > limits.maxHeaderBytes()) {
            ProblemAnswer.sendAndClose(ctx, json, 431, "HEADERS_TOO_LARGE",
                    "请求头过大（超过 " + ByteSize.human(limits.maxHeaderBytes()) + "），请清理后重试",
                    "The request headers are too large (more than " + ByteSize.human(limits.maxHeaderBytes()) + ")");
        } else if (!AllowedText.allowed(decode(request.path(), false)) || !AllowedText.allowed(decode(request.query(), true))) {
            ProblemAnswer.sendAndClose(ctx, json, 400, AllowedText.CODE, AllowedText.ZH, AllowedText.EN);
        } else {
            ctx.next();
        }
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    /**
     * Percent-decodes a path or query as UTF-8 ({@code +} is a space in a query); a broken escape decodes to
     * NUL, so it is refused like one.
     */
    static String decode(String raw, boolean query) {
        if (raw == null || raw.indexOf('%') < 0) {
            return raw == null ? "" : raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    bytes.write(0);
                    continue;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && query) {
                bytes.write(' ');
            } else {
                byte[] own = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(own, 0, own.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
