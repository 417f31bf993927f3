package cn.gridgov.common.error;

/** A refusal that tells the caller when to try again ({@code Retry-After}): {@link RateLimited} or {@link Unavailable}. */
public abstract class RetryLater extends DomainException {

    private final long retryAfterSeconds;

    protected RetryLater(String code, String zh, String en, long retryAfterSeconds) {
        super(code, zh, en);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
