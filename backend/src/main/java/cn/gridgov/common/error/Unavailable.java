package cn.gridgov.common.error;

/** Something we depend on is down for now (503 with {@code Retry-After}). */
public class Unavailable extends RetryLater {

    public Unavailable(String code, String zh, String en, long retryAfterSeconds) {
        super(code, zh, en, retryAfterSeconds);
    }
}
