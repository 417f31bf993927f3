package cn.gridgov.identity;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.RateLimited;
import cn.gridgov.common.error.RetryLater;
import cn.gridgov.common.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;

/**
 * Limits on login endpoints, counted in PostgreSQL (so they hold across replicas): requests per address
 * and per openid, and failed attempts per username and per address, slowed down and then refused.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateLimiter limiter;
    private final IdentityConfig.Login config;

    public LoginThrottle(RateLimiter limiter, IdentityConfig config) {
        this.limiter = limiter;
        this.config = config.login();
    }

    /** Counts a login request from {@code address}; refuses past the per-minute limit. */
    public Uni<Void> admitAddress(String address) {
        return limiter.hit("login:addr:" + address, MINUTE)
                .map(c -> refuseAbove(c, config.perAddressPerMinute()));
    }

    /** Counts a WeChat login of {@code openid}; refuses past the per-minute limit. */
    public Uni<Void> admitOpenid(String openid) {
        return limiter.hit("login:openid:" + openid, MINUTE)
                .map(c -> refuseAbove(c, config.perOpenidPerMinute()));
    }

    /** Refuses while the username or the address has used up its failed attempts. */
    public Uni<Void> checkNotLocked(String username, String address) {
        Uni<Void> user = username == null ? Uni.createFrom().voidItem()
                : limiter.peek(userKey(username)).map(c -> refuseAtOrAbove(c, config.maxFailuresPerUsername()));
        return user.chain(() -> limiter.peek(addressKey(address))
                .map(c -> refuseAtOrAbove(c, config.maxFailuresPerAddress())));
    }

    /**
     * Counts a failed attempt and fails with {@code failure} — after a delay once the username has failed
     * more than a few times, so guessing gets slow before it gets refused.
     */
    public <T> Uni<T> failed(String username, String address, DomainException failure) {
        Uni<Integer> userHits = username == null ? Uni.createFrom().item(0)
                : limiter.hit(userKey(username), config.failureWindow()).map(RateLimiter.Count::hits);
        return userHits.call(() -> limiter.hit(addressKey(address), config.failureWindow()))
                .flatMap(hits -> {
                    int beyond = hits - config.slowDownAfter();
                    Uni<T> fail = Uni.createFrom().failure(failure);
                    return beyond <= 0 ? fail
                            : Uni.createFrom().voidItem().onItem().delayIt().by(config.slowDownStep().multipliedBy(beyond))
                            .chain(() -> fail);
                });
    }

    /** Forgets the username's failures after a successful login. */
    public Uni<Void> succeeded(String username) {
        return limiter.reset(userKey(username));
    }

    private static String userKey(String username) {
        return "login-fail:user:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "login-fail:addr:" + address;
    }

    private static Void refuseAbove(RateLimiter.Count count, int limit) {
        if (count.hits() > limit) {
            throw tooMany(count.secondsLeft());
        }
        return null;
    }

    private static Void refuseAtOrAbove(RateLimiter.Count count, int limit) {
        if (count.hits() >= limit) {
            throw tooMany(count.secondsLeft());
        }
        return null;
    }

    private static RetryLater tooMany(long seconds) {
        return new RateLimited("TOO_MANY_ATTEMPTS", "尝试次数过多，请 " + Math.max(1, (seconds + 59) / 60)
                + " 分钟后再试", "Too many attempts; try again in " + seconds + " seconds", seconds);
    }
}
