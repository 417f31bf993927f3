package cn.gridgov.common.error;

/** Well-formed, but its content cannot be taken as it is (422), e.g. an idempotency key reused for another body. */
public class Unprocessable extends DomainException {

    public Unprocessable(String code, String zh, String en) {
        super(code, zh, en);
    }
}
