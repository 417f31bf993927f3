package cn.gridgov.notify.feed;

import cn.gridgov.common.crypto.Digests;

import cn.gridgov.common.error.Unauthenticated;
import cn.gridgov.common.ratelimit.RateLimiter;
import cn.gridgov.identity.auth.CurrentAccess;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.notify.NotifyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * One-time feed tickets for browsers, which cannot send an {@code Authorization} header with a WebSocket: an
 * access token is traded for a random ticket valid {@code gridgov.notify.feed-ticket-ttl}, which opens one feed
 * connection as {@code ?ticket=}. Only its hash is stored (in PostgreSQL, so any replica accepts it).
 */
@ApplicationScoped
public class FeedTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final FeedTicketRepository tickets;
    private final CurrentAccess access;
    private final RateLimiter limiter;
    private final NotifyConfig config;
    private final Clock clock;

    public FeedTickets(Pool pool, FeedTicketRepository tickets, CurrentAccess access, RateLimiter limiter,
                       NotifyConfig config, Clock clock) {
        this.pool = pool;
        this.limiter = limiter;
        this.access = access;
        this.tickets = tickets;
        this.config = config;
        this.clock = clock;
    }

    /** A ticket and until when it is valid. */
    public record Ticket(String ticket, OffsetDateTime expiresAt) {
    }

    /**
     * A new ticket standing for {@code viewer} (the caller as their access token describes them) and that token's
     * version {@code tokenVersion}.
     */
    public Uni<Ticket> issue(FeedViewer viewer, Integer tokenVersion) {
        if (tokenVersion == null) {
            throw new Unauthenticated("TOKEN_INVALID", "登录已失效，请重新登录", "Your login is no longer valid; please log in again");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.feedTicketTtl());
        return limiter.admit("feed-ticket:" + viewer.userId(), config.feedTicketsPerUser(), config.feedTicketWindow(),
                        "TOO_MANY_TICKETS", "实时推送连接过于频繁，请稍后再试", "Too many feed tickets; please try again later")
                .chain(() -> tickets.insert(pool, sha256(value), viewer, tokenVersion, expiresAt, now))
                .replaceWith(new Ticket(value, ApiTime.of(expiresAt)));
    }

    /**
     * The viewer a ticket stands for, or null when it is unknown, used already or expired, or its access token
     * is expired or no longer current (logout, disabled, roles changed). Using a ticket deletes it, so it opens
     * one connection at most.
     */
    public Uni<FeedViewer> redeem(String ticket) {
        return tickets.take(pool, sha256(ticket)).flatMap(taken -> {
            Instant now = clock.instant();
            if (taken == null || !taken.expiresAt().isAfter(now) || !taken.viewer().expiresAt().isAfter(now)) {
                return Uni.createFrom().nullItem();
            }
            return access.isCurrent(taken.viewer().userId(), taken.tokenVersion())
                    .map(current -> current ? taken.viewer() : null);
        });
    }

    private static byte[] sha256(String value) {
        return Digests.sha256(value);
    }
}
