package cn.gridgov.common.web;

import cn.gridgov.common.error.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Refuses request bodies over {@code quarkus.http.limits.max-body-size} with a problem+json 413 before
 * Quarkus' own check, which would answer an empty 413 that the mini program cannot explain to the user.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Route order for body checks: before Quarkus' own upload limit. */
    public static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final Optional<MemorySize> maxBodySize;
    private final ObjectMapper json;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                         ObjectMapper json) {
        this.maxBodySize = maxBodySize;
        this.json = json;
    }

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(ROUTE_ORDER).handler(ctx -> {
            if (declaredLength(ctx) > limit.asLongValue()) {
                String max = ByteSize.human(limit.asLongValue());
                refuse(ctx, json, "PAYLOAD_TOO_LARGE", "请求体过大，不能超过 " + max,
                        "The request body is too large (at most " + max + ")");
            } else {
                ctx.next();
            }
        }));
    }

    /** The Content-Length the client declared, or -1 when it sends without one (chunked). */
    public static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answers 413 problem+json and closes the connection (the client is still sending the body we refuse). */
    public static void refuse(RoutingContext ctx, ObjectMapper json, String code, String zh, String en) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        boolean english = accept != null && accept.trim().toLowerCase().startsWith("en");
        Problem problem = Problem.of(413, code, english ? en : zh, ctx.request().path(), List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"code\":\"" + code + "\"}";
        }
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE + ";charset=UTF-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> ctx.request().connection().close());
    }
}
