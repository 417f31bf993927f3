package cn.gridgov.common.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A failure the caller can act on: carries the HTTP status, a stable machine code, a Chinese and an
 * English message, and optional field errors. {@link ProblemMapper} turns it into problem+json.
 */
public class DomainException extends RuntimeException {

    /** The members every problem document has; extensions must not repeat them. */
    static final Set<String> RESERVED_MEMBERS =
            Set.of("type", "title", "status", "detail", "instance", "code", "errors");

    private final int status;
    private final String code;
    private final String messageZh;
    private final String messageEn;
    private final List<FieldError> fieldErrors;
    /** Extra problem members by name, each as {Chinese value, English value}. */
    private final Map<String, Object[]> members = new LinkedHashMap<>();

    public DomainException(int status, String code, String messageZh, String messageEn) {
        this(status, code, messageZh, messageEn, List.of());
    }

    public DomainException(int status, String code, String messageZh, String messageEn, List<FieldError> fieldErrors) {
        super(code + ": " + messageEn);
        this.status = status;
        this.code = code;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message(boolean english) {
        return english ? messageEn : messageZh;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /**
     * Adds an extra member to the problem document (RFC 9457 extension), e.g. the offending features of an
     * import; the Chinese or the English value is emitted following the caller's language.
     */
    public DomainException with(String name, Object zhValue, Object enValue) {
        if (RESERVED_MEMBERS.contains(name)) {
            // a second "status" or "code" in one JSON object: parsers keep one of the two and clients misread it
            throw new IllegalArgumentException("problem member " + name + " is one of RFC 9457's or ours");
        }
        members.put(name, new Object[] {zhValue, enValue});
        return this;
    }

    /** The extra problem members in the caller's language (insertion order). */
    public Map<String, Object> members(boolean english) {
        if (members.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        members.forEach((name, values) -> out.put(name, values[english ? 1 : 0]));
        return out;
    }

    /** 400: the request itself is malformed or invalid. */
    public static DomainException badRequest(String code, String zh, String en) {
        return new DomainException(400, code, zh, en);
    }

    /** 400 with a list of field errors. */
    public static DomainException invalid(String zh, String en, List<FieldError> errors) {
        return new DomainException(400, "VALIDATION_FAILED", zh, en, errors);
    }

    /** 404: absent, or outside the caller's scope (the two are not told apart, so nothing leaks). */
    public static DomainException notFound(String what, String zhWhat, Object id) {
        return new DomainException(404, what.toUpperCase() + "_NOT_FOUND",
                zhWhat + "不存在或无权访问：" + id, what + " not found: " + id);
    }

    /** 409: the request conflicts with the current state. */
    public static DomainException conflict(String code, String zh, String en) {
        return new DomainException(409, code, zh, en);
    }
}
