package cn.gridgov.common.error;

import java.util.List;

/** The request is malformed or breaks a rule about its own content (answered 400). */
public class Invalid extends DomainException {

    public Invalid(String code, String zh, String en) {
        super(code, zh, en);
    }

    public Invalid(String code, String zh, String en, List<FieldError> fieldErrors) {
        super(code, zh, en, fieldErrors);
    }
}
