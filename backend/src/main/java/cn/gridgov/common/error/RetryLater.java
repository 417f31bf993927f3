package cn.gridgov.common.error;

/** A refusal that tells the caller when to try again (429 or 503 with {@code Retry-After}). */
public class RetryLater extends DomainException {

    private final long retryAfterSeconds;

    public RetryLater(int status, String code, String zh, String en, long retryAfterSeconds) {
        super(status, code, zh, en);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
