package cn.gridgov.common.error;

/** Absent, or outside the caller's scope: the two are not told apart, so nothing leaks (404). */
public class NotFound extends DomainException {

    /** {@code WHAT_NOT_FOUND}, e.g. {@code INCIDENT_NOT_FOUND}. */
    public NotFound(String what, String zhWhat, Object id) {
        super(what.toUpperCase() + "_NOT_FOUND", zhWhat + "不存在或无权访问：" + id, what + " not found: " + id);
    }

    public NotFound(String code, String zh, String en) {
        super(code, zh, en);
    }
}
