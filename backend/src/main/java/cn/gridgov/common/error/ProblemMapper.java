package cn.gridgov.common.error;

import cn.gridgov.common.json.CheckedText;
import cn.gridgov.common.text.AllowedText;
import cn.gridgov.open311.Open311Errors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one place where failures become HTTP answers: RFC 9457 problem+json with a stable code and a
 * Chinese message (English on {@code Accept-Language: en}); under {@code /open311/} the same failures in the
 * error list of GeoReport v2 ({@link Open311Errors}).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response domain(DomainException e, HttpHeaders headers, UriInfo uri) {
        int status = status(e);
        Response.ResponseBuilder builder = Response.status(status);
        if (e instanceof RetryLater retry) {
            builder.header(HttpHeaders.RETRY_AFTER, retry.retryAfterSeconds());
        }
        boolean en = english(headers);
        if (Open311Errors.owns(path(uri))) {
            return Open311Errors.response(status, e.code(), e.message(en), path(uri));
        }
        return builder.type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, e.code(), e.message(en), path(uri), e.fieldErrors(), e.members(en)))
                .build();
    }

    /** THE mapping of a domain failure's kind to its HTTP status. */
    static int status(DomainException e) {
        if (e instanceof Invalid) {
            return 400;
        } else if (e instanceof Unauthenticated) {
            return 401;
        } else if (e instanceof NotAllowed) {
            return 403;
        } else if (e instanceof NotFound) {
            return 404;
        } else if (e instanceof Conflict) {
            return 409;
        } else if (e instanceof Gone) {
            return 410;
        } else if (e instanceof TooLarge) {
            return 413;
        } else if (e instanceof Unprocessable) {
            return 422;
        } else if (e instanceof RateLimited) {
            return 429;
        } else if (e instanceof UpstreamFailed) {
            return 502;
        } else if (e instanceof Unavailable) {
            return 503;
        }
        return 500;
    }

    /** A presented token was invalid (expired, bad signature, other issuer, alg none, tampered). */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        boolean en = english(headers);
        return challenge(problem(401, "TOKEN_INVALID", en ? "Your login is invalid or expired; please log in again"
                : "登录已失效，请重新登录", uri, List.of()), "Bearer error=\"invalid_token\"");
    }

    /** No token where one is needed. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        boolean en = english(headers);
        return challenge(problem(401, "UNAUTHENTICATED", en ? "Please log in" : "请先登录", uri, List.of()), "Bearer");
    }

    /** Authenticated, but the endpoint is not for this caller's roles. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        boolean en = english(headers);
        return problem(403, "FORBIDDEN", en ? "You may not do this" : "无权执行此操作", uri, List.of());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        boolean en = english(headers);
        return problem(400, "VALIDATION_FAILED", en ? "The request has invalid fields" : "请求参数有误", uri, errors);
    }

    /** Quarkus has a built-in mapper (empty 400) for this subtype; ours answers a problem instead. */
    @ServerExceptionMapper({MismatchedInputException.class})
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return unreadableJson(e, headers, uri);
    }

    @ServerExceptionMapper({JsonProcessingException.class})
    public Response unreadableJson(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        boolean en = english(headers);
        if (e instanceof CheckedText.Refused refused) {
            return problem(400, AllowedText.CODE, en ? AllowedText.EN : AllowedText.ZH, uri,
                    List.of(new FieldError(jsonPath(refused), en ? "control character not allowed" : "含有不允许的控制字符")));
        }
        List<FieldError> errors = List.of();
        String detail = en ? "The request body is not valid JSON" : "请求体不是有效的 JSON";
        if (e instanceof UnrecognizedPropertyException u) {
            errors = List.of(new FieldError(jsonPath(u), en ? "unknown field" : "不支持的字段"));
            detail = en ? "The request body has an unknown field" : "请求体包含不支持的字段";
        } else if (e instanceof InvalidFormatException || e instanceof JsonMappingException) {
            JsonMappingException m = (JsonMappingException) e;
            if (!m.getPath().isEmpty()) {
                errors = List.of(new FieldError(jsonPath(m), en ? "wrong type or format" : "类型或格式错误"));
                detail = en ? "A field of the request body has the wrong type" : "请求体字段类型错误";
            }
        }
        return problem(400, "MALFORMED_BODY", detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, headers, uri);
        }
        boolean en = english(headers);
        String code;
        String detail;
        switch (status) {
            case 400 -> { code = "BAD_REQUEST"; detail = en ? "The request is malformed" : "请求格式错误"; }
            case 401 -> { code = "UNAUTHENTICATED"; detail = en ? "Please log in" : "请先登录"; }
            case 403 -> { code = "FORBIDDEN"; detail = en ? "You may not do this" : "无权执行此操作"; }
            case 404 -> { code = "NOT_FOUND"; detail = en ? "No such resource" : "资源不存在"; }
            case 405 -> { code = "METHOD_NOT_ALLOWED"; detail = en ? "Method not allowed here" : "不支持该请求方法"; }
            case 406 -> { code = "NOT_ACCEPTABLE"; detail = en ? "Cannot answer in the requested format" : "无法以所请求的格式应答"; }
            case 413 -> { code = "PAYLOAD_TOO_LARGE"; detail = en ? "The request body is too large" : "请求体过大"; }
            case 415 -> { code = "UNSUPPORTED_MEDIA_TYPE"; detail = en ? "Unsupported content type" : "不支持的内容类型"; }
            default -> {
                code = status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
                detail = en ? "The request failed" : "请求失败";
            }
        }
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return problem(status, code, detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof DomainException d) {
                return domain(d, headers, uri);
            }
            root = root.getCause();
        }
        if (root instanceof DomainException d) {
            return domain(d, headers, uri);
        }
        if (root instanceof java.io.IOException && thrownByMultipartParser(root)) {
            // the client's multipart body ended before its closing boundary, or is not multipart at all
            boolean en = english(headers);
            return problem(400, "MALFORMED_MULTIPART", en
                    ? "The upload is not a complete multipart/form-data body; send the photo with wx.uploadFile"
                    : "上传内容不是完整的 multipart/form-data 请求体，请用 wx.uploadFile 上传照片", uri, List.of());
        }
        if (databaseBusy(root)) {
            // every connection of the pool stayed busy past its wait (overload), or the database cannot be reached:
            // the caller may retry, as with any dependency that is away for now
            LOG.warn("database unavailable: " + root);
            boolean en = english(headers);
            return Response.fromResponse(problem(503, "DATABASE_BUSY", en ? "The system is busy; please retry shortly"
                    : "系统繁忙，请稍后重试", uri, List.of())).header(HttpHeaders.RETRY_AFTER, 1).build();
        }
        if (concurrentChange(root)) {
            // PostgreSQL broke a deadlock or a serialization conflict by rolling this transaction back: nothing of it
            // was written, and the same request may simply be sent again
            LOG.warn("transaction rolled back by the database (" + ((PgException) root).getSqlState() + "): " + root);
            boolean en = english(headers);
            return Response.fromResponse(problem(409, "CONCURRENT_CHANGE", en
                    ? "The same data was being changed at the same moment; nothing was saved, please retry"
                    : "数据正被同时修改，本次未保存，请重试", uri, List.of())).header(HttpHeaders.RETRY_AFTER, 1).build();
        }
        LOG.error("unexpected failure", e);
        boolean en = english(headers);
        return problem(500, "INTERNAL_ERROR", en ? "Internal error; please retry later" : "系统内部错误，请稍后重试", uri, List.of());
    }

    /**
     * Whether the failure is the database being out of reach for now: the reactive pool's wait for a connection timed
     * out (its one shared exception, "Timeout waiting for connection"), or a connection to it was refused.
     */
    static boolean databaseBusy(Throwable root) {
        return root instanceof io.vertx.core.VertxException && POOL_WAIT_TIMEOUT.equals(root.getMessage())
                || root instanceof java.net.ConnectException;
    }

    private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";

    /** Whether PostgreSQL rolled the transaction back to break a deadlock (40P01) or a serialization conflict (40001). */
    static boolean concurrentChange(Throwable root) {
        return root instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    /** Whether the failure comes from RESTEasy Reactive's multipart parser (a malformed upload body), by its origin. */
    private static boolean thrownByMultipartParser(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(MULTIPART_PARSER);
    }

    private static final String MULTIPART_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";

    private static Response challenge(Response problem, String wwwAuthenticate) {
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate).build();
    }

    private static Response problem(int status, String code, String detail, UriInfo uri, List<FieldError> errors) {
        if (Open311Errors.owns(path(uri))) {
            // the open standard's paths answer errors as the standard describes them
            return Open311Errors.response(status, code, detail + errors.stream()
                    .map(f -> "；" + f.field() + " " + f.message()).collect(Collectors.joining()), path(uri));
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, code, detail, path(uri), errors)).build();
    }

    /** English only when the caller prefers it; Chinese is the default for the mini program. */
    public static boolean english(HttpHeaders headers) {
        if (headers == null) {
            return false;
        }
        List<Locale> langs = headers.getAcceptableLanguages();
        return !langs.isEmpty() && "en".equals(langs.get(0).getLanguage());
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String fieldName(ConstraintViolation<?> v) {
        String p = v.getPropertyPath().toString();
        // "method.arg0.field" from resource parameters: keep what the caller named
        String[] parts = p.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
