package cn.gridgov.common.error;

/** The request conflicts with the current state of what it acts on (409). */
public class Conflict extends DomainException {

    public Conflict(String code, String zh, String en) {
        super(code, zh, en);
    }
}
