package cn.gridgov.common.web;

import cn.gridgov.open311.Open311Errors;
import cn.gridgov.common.error.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Answers problem+json (under /open311/ the standard's error list) from a Vert.x route handler, before JAX-RS and its exception mapper are reached. */
public final class ProblemAnswer {

    private static final int MAX_INSTANCE = 256;

    private ProblemAnswer() {
    }

    /** Answers and keeps the connection open (the request has been read, or has no body). */
    public static void send(RoutingContext ctx, ObjectMapper json, int status, String code, String zh, String en) {
        start(ctx, status).end(body(ctx, json, status, code, zh, en));
    }

    /** Answers and closes the connection: the client may still be sending a body we refuse to read. */
    public static void sendAndClose(RoutingContext ctx, ObjectMapper json, int status, String code, String zh,
                                    String en) {
        start(ctx, status).putHeader(HttpHeaders.CONNECTION, "close")
                .end(body(ctx, json, status, code, zh, en))
                .onComplete(done -> ctx.request().connection().close());
    }

    private static HttpServerResponse start(RoutingContext ctx, int status) {
        String path = ctx.request().path();
        return ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE,
                Open311Errors.owns(path) ? Open311Errors.mediaType(path) : Problem.MEDIA_TYPE + ";charset=UTF-8");
    }

    private static String body(RoutingContext ctx, ObjectMapper json, int status, String code, String zh, String en) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        boolean english = accept != null && accept.trim().toLowerCase().startsWith("en");
        // the path as received (still percent-encoded), without its query, and cut short when it is what is refused
        String path = ctx.request().path();
        String instance = path == null || path.length() <= MAX_INSTANCE ? path : path.substring(0, MAX_INSTANCE) + "…";
        if (Open311Errors.owns(path)) {
            // the open standard's paths answer its error list (as ProblemMapper does for them)
            return Open311Errors.body(status, code, english ? en : zh, path);
        }
        Problem problem = Problem.of(status, code, english ? en : zh, instance, List.of());
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + status + ",\"code\":\"" + code + "\"}";
        }
    }
}
