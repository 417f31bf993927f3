package cn.gridgov.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Body limits per route, answered 413 problem+json: a declared length over the limit is refused before the
 * body is read, and a body without one (chunked) is read here while counting and cut off as soon as it
 * passes the limit. Routes with a limit of their own register it ({@link #limitUploadRoute},
 * {@link #limitStreamedRoute}); every other route gets {@code gridgov.http.json-max-bytes}, read in memory.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Route order for the general limit: before Quarkus' own upload limit. */
    public static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** Route order for a route's own limit: before the general one, which it then leaves alone. */
    public static final int ROUTE_SPECIFIC_ORDER = ROUTE_ORDER - 1;

    private static final String LIMITED = "gridgov.body-limited";

    private final HttpLimitsConfig limits;
    private final ObjectMapper json;

    public BodySizeLimit(HttpLimitsConfig limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    /** A refusal: its code and its message in both languages. */
    public record Refusal(String code, String zh, String en) {
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            if (ctx.get(LIMITED) != null) {
                ctx.next();
                return;
            }
            String max = ByteSize.human(limits.jsonMaxBytes());
            Refusal refusal = new Refusal("PAYLOAD_TOO_LARGE", "请求体过大，不能超过 " + max,
                    "The request body is too large (at most " + max + ")");
            enforce(ctx, json, limits.jsonMaxBytes(), refusal,
                    unknown -> readCounting(unknown, json, limits.jsonMaxBytes(), refusal));
        });
    }

    /**
     * Gives a multipart upload route a limit of its own. A body without a declared length is parsed here by
     * Vert.x' body handler, which writes the files to {@code uploadsDirectory} while counting and fails at the
     * limit; the endpoint then takes the parsed form (RESTEasy Reactive uses it instead of parsing again).
     */
    public static void limitUploadRoute(Router router, HttpMethod method, String path, long limit,
                                        String uploadsDirectory, ObjectMapper json, Refusal refusal) {
        BodyHandler reader = BodyHandler.create(uploadsDirectory).setBodyLimit(limit).setHandleFileUploads(true)
                .setDeleteUploadedFilesOnEnd(true);
        router.route(method, path).order(ROUTE_SPECIFIC_ORDER)
                .handler(ctx -> enforce(ctx, json, limit, refusal, reader))
                .failureHandler(ctx -> {
                    if (ctx.response().ended() || ctx.response().closed()) {
                        // refused already and the connection closed under the rest of the body: nothing to answer
                        return;
                    }
                    if (ctx.statusCode() == 413) {
                        refuse(ctx, json, refusal);
                    } else {
                        ctx.next();
                    }
                });
    }

    /**
     * Gives a route a large limit of its own, checked on the declared length only: the body is streamed on to
     * the endpoint, which must bound a chunked one itself (Quarkus' max-body-size does).
     */
    public static void limitStreamedRoute(Router router, HttpMethod method, String path, long limit,
                                          ObjectMapper json, Refusal refusal) {
        router.route(method, path).order(ROUTE_SPECIFIC_ORDER)
                .handler(ctx -> enforce(ctx, json, limit, refusal, RoutingContext::next));
    }

    /** Refuses a declared length over {@code limit}; hands a body of unknown length to {@code unknownLength}. */
    private static void enforce(RoutingContext ctx, ObjectMapper json, long limit, Refusal refusal,
                                Handler<RoutingContext> unknownLength) {
        ctx.put(LIMITED, Boolean.TRUE);
        long declared = declaredLength(ctx);
        if (declared > limit) {
            refuse(ctx, json, refusal);
        } else if (declared >= 0 || !mayHaveBody(ctx.request())) {
            // a declared length is all the HTTP codec lets through
            ctx.next();
        } else {
            unknownLength.handle(ctx);
        }
    }

    /** Reads a body of unknown length, refusing it the moment it passes {@code limit}. */
    private static void readCounting(RoutingContext ctx, ObjectMapper json, long limit, Refusal refusal) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                refuse(ctx, json, refusal);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> {
            // once refused, the connection is closed under the rest of the body: nothing more to answer
            if (!refused[0]) {
                ctx.fail(failure);
            }
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                // the endpoint (RESTEasy Reactive) reads a body a handler has read from the routing context
                ((RoutingContextInternal) ctx).setBody(body);
                ctx.next();
            }
        });
        request.resume();
    }

    private static boolean mayHaveBody(HttpServerRequest request) {
        HttpMethod method = request.method();
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    /** The Content-Length the client declared, or -1 when it sends without one (chunked). */
    static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(RoutingContext ctx, ObjectMapper json, Refusal refusal) {
        ProblemAnswer.sendAndClose(ctx, json, 413, refusal.code(), refusal.zh(), refusal.en());
    }
}
