package cn.gridgov.common.error;

/** The caller is not (or no longer) logged in (401). */
public class Unauthenticated extends DomainException {

    public Unauthenticated(String code, String zh, String en) {
        super(code, zh, en);
    }
}
