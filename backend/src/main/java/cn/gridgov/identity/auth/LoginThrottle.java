package cn.gridgov.identity.auth;

import cn.gridgov.identity.ClientAddress;
import cn.gridgov.common.error.RateLimited;
import cn.gridgov.common.error.RetryLater;
import cn.gridgov.common.ratelimit.RateLimiter;
import cn.gridgov.identity.IdentityConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Limits on login endpoints, kept in PostgreSQL so they hold across replicas: requests per minute per
 * address and per openid, and growing delays per account and per address. Every attempt that is checked
 * counts as a failure until it succeeds; after a few free ones the next attempt must wait a delay that
 * doubles up to a cap, and an attempt during the delay is refused (429) without being checked. Nothing is
 * ever locked: the right credentials after the delay get in.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String ACCOUNT_DELAYED = "LOGIN_DELAYED";
    private static final String ADDRESS_DELAYED = "LOGIN_DELAYED_ADDRESS";

    private static final String ENSURE = """
            INSERT INTO login_delay (key, attempts, last_at) SELECT k, 0, $2 FROM unnest($1::text[]) AS k
            ON CONFLICT (key) DO NOTHING""";
    private static final String LOCK = """
            SELECT key, attempts, last_at, not_before FROM login_delay WHERE key = ANY($1::text[])
            ORDER BY key FOR UPDATE""";
    private static final String CLAIM = """
            UPDATE login_delay SET attempts = $2, last_at = $3, not_before = $4 WHERE key = $1""";

    private final RateLimiter limiter;
    private final Pool pool;
    private final Clock clock;
    private final IdentityConfig.Login config;
    private final Schedule accounts;
    private final Schedule addresses;
    private final Counter accountThrottled;
    private final Counter addressThrottled;

    public LoginThrottle(RateLimiter limiter, Pool pool, Clock clock, IdentityConfig config, MeterRegistry meters) {
        this.limiter = limiter;
        this.pool = pool;
        this.clock = clock;
        this.config = config.login();
        this.accounts = new Schedule(this.config.accountFreeFailures(), this.config.accountFirstDelay(),
                this.config.accountMaxDelay());
        this.addresses = new Schedule(this.config.addressFreeFailures(), this.config.addressFirstDelay(),
                this.config.addressMaxDelay());
        this.accountThrottled = throttledCounter(meters, "account");
        this.addressThrottled = throttledCounter(meters, "address");
    }

    /** After {@code free} failures the next attempt waits {@code first}, then twice as long each time, up to {@code max}. */
    record Schedule(int free, Duration first, Duration max) {

        /** The delay before the next attempt once {@code attempts} have failed; zero while they are free. */
        Duration delayAfter(int attempts) {
            if (attempts < free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(attempts - free, 30);
            Duration delay = first.multipliedBy(1L << doublings);
            return delay.compareTo(max) > 0 ? max : delay;
        }
    }

    /** Counts a login request from {@code address}; refuses past the per-minute limit. */
    public Uni<Void> admitAddress(String address) {
        return limiter.hit("login:addr:" + ClientAddress.limitKey(address), MINUTE)
                .map(c -> refuseAbove(c, config.perAddressPerMinute()));
    }

    /** Counts a WeChat login of {@code openid}; refuses past the per-minute limit. */
    public Uni<Void> admitOpenid(String openid) {
        return limiter.hit("login:openid:" + openid, MINUTE)
                .map(c -> refuseAbove(c, config.perOpenidPerMinute()));
    }

    /**
     * Claims an attempt on {@code username} (null: none, as for binding codes) from {@code address}: refuses
     * with 429 and {@code Retry-After} while either waits out its delay; otherwise counts the attempt as a
     * failure (undone by {@link #succeeded}) and starts the next delay. Atomic, so parallel guesses get no more
     * attempts than sequential ones.
     */
    public Uni<Void> admit(String username, String address) {
        Map<String, Schedule> keys = new TreeMap<>();
        if (username != null) {
            keys.put(accountKey(username), accounts);
        }
        keys.put(addressKey(address), addresses);
        List<String> names = List.copyOf(keys.keySet());
        Instant now = clock.instant();
        return pool.withTransaction(db -> db.preparedQuery(ENSURE).execute(Tuple.of(names.toArray(String[]::new), at(now)))
                        .chain(() -> db.preparedQuery(LOCK).execute(Tuple.of(names.toArray(String[]::new))))
                        .flatMap(rows -> {
                            List<Row> locked = new ArrayList<>();
                            rows.forEach(locked::add);
                            for (Row row : locked) {
                                Instant notBefore = instant(row.getOffsetDateTime("not_before"));
                                if (notBefore != null && notBefore.isAfter(now) && !forgotten(row, now)) {
                                    return Uni.createFrom().item(refusal(row.getString("key"), notBefore, now));
                                }
                            }
                            return claim(db, locked, keys, now).replaceWith((RetryLater) null);
                        }))
                .map(refused -> {
                    if (refused != null) {
                        (refused.code().equals(ACCOUNT_DELAYED) ? accountThrottled : addressThrottled).increment();
                        throw refused;
                    }
                    return null;
                });
    }

    /**
     * After the right credentials: the account's failures (if one was named) are forgotten, and the address's
     * attempt is not counted.
     */
    public Uni<Void> succeeded(String username, String address) {
        Uni<Void> account = username == null ? Uni.createFrom().voidItem()
                : pool.preparedQuery("DELETE FROM login_delay WHERE key = $1").execute(Tuple.of(accountKey(username)))
                .replaceWithVoid();
        return account.chain(() -> pool.preparedQuery("UPDATE login_delay SET attempts = greatest(attempts - 1, 0) WHERE key = $1")
                        .execute(Tuple.of(addressKey(address))))
                .replaceWithVoid();
    }

    /** Drops what is forgotten anyway; harmless when several replicas run it at once. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeForgotten() {
        return pool.preparedQuery("DELETE FROM login_delay WHERE last_at < $1")
                .execute(Tuple.of(at(clock.instant().minus(config.forgetAfter())))).replaceWithVoid();
    }

    private Uni<Void> claim(SqlClient db, List<Row> locked, Map<String, Schedule> keys, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Row row : locked) {
            String key = row.getString("key");
            int attempts = (forgotten(row, now) ? 0 : row.getInteger("attempts")) + 1;
            Duration delay = keys.get(key).delayAfter(attempts);
            OffsetDateTime notBefore = delay.isZero() ? null : at(now.plus(delay));
            chain = chain.chain(() -> db.preparedQuery(CLAIM).execute(Tuple.of(key, attempts, at(now), notBefore))
                    .replaceWithVoid());
        }
        return chain;
    }

    private boolean forgotten(Row row, Instant now) {
        return instant(row.getOffsetDateTime("last_at")).isBefore(now.minus(config.forgetAfter()));
    }

    private static RateLimited refusal(String key, Instant notBefore, Instant now) {
        long seconds = Math.max(1, (Duration.between(now, notBefore).toMillis() + 999) / 1000);
        String wait = seconds < 60 ? seconds + " 秒" : ((seconds + 59) / 60) + " 分钟";
        if (key.startsWith("user:")) {
            return new RateLimited(ACCOUNT_DELAYED, "该账号密码错误次数较多，为保护账号安全，请 " + wait
                    + "后再试（本次未核对密码）", "Too many failed attempts on this account; try again in "
                    + seconds + " seconds (this attempt was not checked)", seconds);
        }
        return new RateLimited(ADDRESS_DELAYED, "您所在网络的登录失败次数较多，请 " + wait
                + "后再试（本次未核对密码）", "Too many failed logins from your network; try again in "
                + seconds + " seconds (this attempt was not checked)", seconds);
    }

    private static Counter throttledCounter(MeterRegistry meters, String kind) {
        return Counter.builder("gridgov.login.throttled").tag("kind", kind)
                .description("Login attempts refused during a growing delay (per account or per address)")
                .register(meters);
    }

    private static String accountKey(String username) {
        return "user:" + username.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "addr:" + ClientAddress.limitKey(address);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Void refuseAbove(RateLimiter.Count count, int limit) {
        if (count.hits() > limit) {
            long seconds = count.secondsLeft();
            throw new RateLimited("TOO_MANY_ATTEMPTS", "尝试次数过多，请 " + Math.max(1, (seconds + 59) / 60)
                    + " 分钟后再试", "Too many attempts; try again in " + seconds + " seconds", seconds);
        }
        return null;
    }
}
