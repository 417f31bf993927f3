package cn.gridgov.common.error;

/** A service we depend on (WeChat) answered with an error retrying will not fix (502). */
public class UpstreamFailed extends DomainException {

    public UpstreamFailed(String code, String zh, String en) {
        super(code, zh, en);
    }
}
