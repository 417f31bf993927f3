package cn.gridgov.notify.outbox;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.RetryLater;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.notify.NotifyConfig;
import cn.gridgov.wechat.SubscribeMessage;
import cn.gridgov.wechat.WeChatClient;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers outbox rows as WeChat subscribe messages, at most once per row on any number of replicas: a row
 * is claimed (SENDING) before it is sent; busy and timeouts (definitely or probably not delivered) go back to
 * PENDING with a doubling pause; 43101 (not subscribed) and users without an openid are SKIPPED; the rest FAILED.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    private static final int PARALLEL_SENDS = 8;

    private final Pool pool;
    private final OutboxRepository outbox;
    private final UserRepository users;
    private final WeChatClient wechat;
    private final NotifyConfig config;
    private final Clock clock;

    public OutboxSender(Pool pool, OutboxRepository outbox, UserRepository users, WeChatClient wechat,
                        NotifyConfig config, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.users = users;
        this.wechat = wechat;
        this.config = config;
        this.clock = clock;
    }

    /** What one pass did. */
    public record Pass(int claimed, int sent, int retried, int skipped, int failed) {
    }

    @Scheduled(every = "${gridgov.notify.sender-interval}", delayed = "${gridgov.notify.sender-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.senderEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return sendDue().onFailure().invoke(e -> LOG.warnf("notification pass failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends one batch of due rows and answers what became of them. */
    public Uni<Pass> sendDue() {
        Instant now = clock.instant();
        return outbox.expireLeases(pool, now.minus(config.sendingLease()))
                .invoke(expired -> {
                    if (expired > 0) {
                        LOG.warnf("%d notification(s) left in flight by a stopped sender recorded as FAILED", expired);
                    }
                })
                .chain(() -> outbox.claim(pool, now, config.batchSize()))
                .chain(claimed -> users.openids(pool, claimed.stream().map(OutboxRow::recipientId).toList())
                        .map(openids -> claimed.stream().map(r -> r.withOpenid(openids.get(r.recipientId()))).toList()))
                .chain(this::sendAll);
    }

    private Uni<Pass> sendAll(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new Pass(0, 0, 0, 0, 0));
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUni(this::send).merge(PARALLEL_SENDS)
                .collect().asList()
                .map(outcomes -> new Pass(rows.size(), count(outcomes, "SENT"), count(outcomes, "PENDING"),
                        count(outcomes, "SKIPPED"), count(outcomes, "FAILED")));
    }

    /** Sends one claimed row and records the outcome; answers the state it ended in. */
    private Uni<String> send(OutboxRow row) {
        if (row.openid() == null) {
            return finish(row, "SKIPPED", "recipient has no WeChat openid", null, null);
        }
        SubscribeMessage message = new SubscribeMessage(row.openid(), row.templateId(),
                row.payload().getString("page"), row.payload().getJsonObject("data"), config.miniprogramState(),
                config.lang());
        return wechat.sendSubscribeMessage(message)
                .chain(delivery -> finish(row, "SENT", delivery == WeChatClient.Delivery.LOGGED
                        ? "dev mode: logged, not sent" : null, clock.instant(), null))
                .onFailure().recoverWithUni(e -> failed(row, e));
    }

    private Uni<String> failed(OutboxRow row, Throwable e) {
        if (e instanceof DomainException d && "WECHAT_NOT_SUBSCRIBED".equals(d.code())) {
            return finish(row, "SKIPPED", "43101: the user has not subscribed", null, null);
        }
        if (e instanceof RetryLater && row.attempts() < config.maxAttempts()) {
            Instant next = clock.instant().plus(backoff(row.attempts()));
            return finish(row, "PENDING", "attempt " + row.attempts() + ": " + e.getMessage(), null, next);
        }
        LOG.warnf("notification %d failed after %d attempt(s): %s", row.id(), row.attempts(), e.toString());
        return finish(row, "FAILED", e.toString(), null, null);
    }

    /** The pause after attempt {@code attempts}: backoff, doubled for each earlier attempt, capped. */
    Duration backoff(int attempts) {
        Duration pause = config.backoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return pause.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : pause;
    }

    private Uni<String> finish(OutboxRow row, String state, String error, Instant sentAt, Instant next) {
        return outbox.finish(pool, row.id(), state, error, sentAt, next).replaceWith(state);
    }

    private static int count(List<String> outcomes, String state) {
        return (int) outcomes.stream().filter(state::equals).count();
    }
}
