package cn.gridgov.common.error;

/** Too many attempts or calls for now (429 with {@code Retry-After}). */
public class RateLimited extends RetryLater {

    public RateLimited(String code, String zh, String en, long retryAfterSeconds) {
        super(code, zh, en, retryAfterSeconds);
    }
}
