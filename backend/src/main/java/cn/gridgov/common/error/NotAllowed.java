package cn.gridgov.common.error;

/** The caller is known but may not do this (403). */
public class NotAllowed extends DomainException {

    public NotAllowed(String code, String zh, String en) {
        super(code, zh, en);
    }
}
