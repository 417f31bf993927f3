package cn.gridgov.common.error;

/** It was there and has been taken away on purpose (410), e.g. a photo hidden by moderation. */
public class Gone extends DomainException {

    public Gone(String code, String zh, String en) {
        super(code, zh, en);
    }
}
