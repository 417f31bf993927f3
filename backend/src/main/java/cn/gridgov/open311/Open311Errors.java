package cn.gridgov.open311;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failures under {@code /open311/} answered as the standard describes them: a list of errors, each with the
 * HTTP status as its {@code code} and a {@code description} (here our stable problem code and the message),
 * in the format the path asked for. {@link cn.gridgov.common.error.ProblemMapper} hands these paths over.
 */
public final class Open311Errors {

    /** The paths of the standard. */
    public static final String PREFIX = "/open311/";

    private Open311Errors() {
    }

    public static boolean owns(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    public static Response response(int status, String code, String detail, String path) {
        return Response.status(status).type(mediaType(path)).entity(body(status, code, detail, path)).build();
    }

    /** The media type of an error answer to {@code path}. */
    public static String mediaType(String path) {
        return Open311Format.ofPath(path).mediaType();
    }

    /** The error list of one error, in the format {@code path} asks for. */
    public static String body(int status, String code, String detail, String path) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("description", code + ": " + detail);
        return Open311Writer.write(Open311Format.ofPath(path), "errors", new Open311List("error", List.of(error)));
    }
}
