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

    private final Optional<MemorySize> maxBodySize;
    private final ObjectMapper json;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                         ObjectMapper json) {
        this.maxBodySize = maxBodySize;
        this.json = json;
    }

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route()
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(ctx -> check(ctx, limit.asLongValue())));
    }

    private void check(RoutingContext ctx, long limit) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= limit) {
            ctx.next();
            return;
        }
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        boolean english = accept != null && accept.trim().toLowerCase().startsWith("en");
        String max = ByteSize.human(limit);
        String detail = english ? "The request body is too large (at most " + max + ")" : "请求体过大，不能超过 " + max;
        Problem problem = Problem.of(413, "PAYLOAD_TOO_LARGE", detail, ctx.request().path(), List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\"}";
        }
        // the client is still sending the body we refuse: close the connection after answering
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE + ";charset=UTF-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> ctx.request().connection().close());
    }
}
