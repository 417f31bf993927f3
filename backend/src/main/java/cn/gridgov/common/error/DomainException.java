package cn.gridgov.common.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A failure the caller can act on: its kind is its subclass ({@link Invalid}, {@link NotFound}, {@link Conflict},
 * …), and it carries a stable machine code, a Chinese and an English message, and optional field errors.
 * Domain code says what went wrong; {@link ProblemMapper} alone decides the HTTP status and writes problem+json.
 */
public abstract class DomainException extends RuntimeException {

    /** The members every problem document has; extensions must not repeat them. */
    static final Set<String> RESERVED_MEMBERS =
            Set.of("type", "title", "status", "detail", "instance", "code", "errors");

    private final String code;
    private final String messageZh;
    private final String messageEn;
    private final List<FieldError> fieldErrors;
    /** Extra problem members by name, each as {Chinese value, English value}. */
    private final Map<String, Object[]> members = new LinkedHashMap<>();

    protected DomainException(String code, String messageZh, String messageEn) {
        this(code, messageZh, messageEn, List.of());
    }

    protected DomainException(String code, String messageZh, String messageEn, List<FieldError> fieldErrors) {
        super(code + ": " + messageEn);
        this.code = code;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** The HTTP status {@link ProblemMapper} answers this with (decided there, by the exception's kind). */
    public int status() {
        return ProblemMapper.status(this);
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

    /** The request itself is malformed or invalid ({@link Invalid}). */
    public static DomainException badRequest(String code, String zh, String en) {
        return new Invalid(code, zh, en);
    }

    /** Invalid, with a list of field errors. */
    public static DomainException invalid(String zh, String en, List<FieldError> errors) {
        return new Invalid("VALIDATION_FAILED", zh, en, errors);
    }

    /** Absent, or outside the caller's scope ({@link NotFound}). */
    public static DomainException notFound(String what, String zhWhat, Object id) {
        return new NotFound(what, zhWhat, id);
    }

    /** The request conflicts with the current state ({@link Conflict}). */
    public static DomainException conflict(String code, String zh, String en) {
        return new Conflict(code, zh, en);
    }
}
