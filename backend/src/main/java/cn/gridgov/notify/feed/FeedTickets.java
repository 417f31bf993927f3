package cn.gridgov.notify.feed;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.notify.NotifyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    private final NotifyConfig config;
    private final Clock clock;

    public FeedTickets(Pool pool, FeedTicketRepository tickets, NotifyConfig config, Clock clock) {
        this.pool = pool;
        this.tickets = tickets;
        this.config = config;
        this.clock = clock;
    }

    /** A ticket and until when it is valid. */
    public record Ticket(String ticket, OffsetDateTime expiresAt) {
    }

    /** A new ticket standing for {@code viewer} (the caller as their access token describes them). */
    public Uni<Ticket> issue(FeedViewer viewer) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.feedTicketTtl());
        return tickets.insert(pool, sha256(value), viewer, expiresAt, now)
                .replaceWith(new Ticket(value, ApiTime.of(expiresAt)));
    }

    /**
     * The viewer a ticket stands for, or null when it is unknown, used already or expired (or its access token
     * is). Using a ticket deletes it, so it opens one connection at most.
     */
    public Uni<FeedViewer> redeem(String ticket) {
        return tickets.take(pool, sha256(ticket)).map(taken -> {
            Instant now = clock.instant();
            return taken == null || !taken.expiresAt().isAfter(now) || !taken.viewer().expiresAt().isAfter(now)
                    ? null : taken.viewer();
        });
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
