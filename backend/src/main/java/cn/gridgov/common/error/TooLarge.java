package cn.gridgov.common.error;

/** What was sent is larger than allowed (413). */
public class TooLarge extends DomainException {

    public TooLarge(String code, String zh, String en) {
        super(code, zh, en);
    }
}
