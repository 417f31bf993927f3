package cn.gridgov.hotline;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Posts queued callbacks to the hotline platforms, at least once, on any number of replicas: a row is claimed
 * (SENDING) before it is posted; a 2xx answer makes it SENT; anything else (an error status, a refused connection,
 * a timeout) puts it back to PENDING after a doubling pause, until {@code max-attempts}, then FAILED. Every attempt
 * carries the same Idempotency-Key, so the platform can drop a repeat.
 */
@ApplicationScoped
public class HotlineCallbackSender {

    private static final Logger LOG = Logger.getLogger(HotlineCallbackSender.class);
    private static final int PARALLEL_SENDS = 8;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Pool pool;
    private final HotlineCallbackRepository callbacks;
    private final HotlineConfig config;
    private final Clock clock;
    private final WebClient web;
    private final CallbackPolicy policy;

    public HotlineCallbackSender(Pool pool, HotlineCallbackRepository callbacks, HotlineConfig config, Clock clock,
                                 Vertx vertx, CallbackPolicy policy) {
        this.policy = policy;
        this.pool = pool;
        this.callbacks = callbacks;
        this.config = config;
        this.clock = clock;
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setFollowRedirects(false)
                .setUserAgent("GridGov-Hotline-Callback"));
    }

    @PreDestroy
    void close() {
        web.close();
    }

    /** What one pass did. */
    public record Pass(int claimed, int sent, int retried, int failed) {
    }

    @Scheduled(every = "${gridgov.hotline.sender-interval}", delayed = "${gridgov.hotline.sender-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.senderEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return sendDue().onFailure().invoke(e -> LOG.warnf("hotline callback pass failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Posts one batch of due callbacks and answers what became of them. */
    public Uni<Pass> sendDue() {
        Instant now = clock.instant();
        return callbacks.releaseLeases(pool, now.minus(config.sendingLease()))
                .invoke(released -> {
                    if (released > 0) {
                        LOG.warnf("%d hotline callback(s) left in flight by a stopped sender are due again", released);
                    }
                })
                .chain(() -> callbacks.claim(pool, now, config.batchSize()))
                .chain(this::sendAll);
    }

    private Uni<Pass> sendAll(List<HotlineCallbackRepository.Due> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new Pass(0, 0, 0, 0));
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUni(this::send).merge(PARALLEL_SENDS)
                .collect().asList()
                .map(outcomes -> new Pass(rows.size(), count(outcomes, "SENT"), count(outcomes, "PENDING"),
                        count(outcomes, "FAILED")));
    }

    /**
     * Posts one claimed row and records the outcome; answers the state it ended in. A URL the policy refuses now (its
     * host resolves to an internal address, or the policy changed) is never posted: FAILED at once, not tried again.
     */
    private Uni<String> send(HotlineCallbackRepository.Due row) {
        return policy.atSend(row.url()).chain(target -> {
            if (target.refusal() != null) {
                LOG.warnf("hotline callback %d not sent: %s", row.id(), target.refusal());
                return finish(row, "FAILED", "callback URL refused: " + target.refusal(), null, null);
            }
            return post(row, target.address());
        });
    }

    /**
     * A POST of {@code url}; connected to {@code pinned} when given (the address the policy checked: the host name is
     * not looked up again), with the URL's host still in the Host header and for TLS (SNI, certificate check).
     */
    static HttpRequest<Buffer> postTo(WebClient web, String url, InetAddress pinned) {
        if (pinned == null) {
            return web.postAbs(url);
        }
        URI uri = URI.create(url);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return web.requestAbs(HttpMethod.POST, SocketAddress.inetSocketAddress(port, pinned.getHostAddress()), url);
    }

    private Uni<String> post(HotlineCallbackRepository.Due row, InetAddress pinned) {
        return postTo(web, row.url(), pinned)
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader(IDEMPOTENCY_KEY, row.eventKey())
                .sendBuffer(Buffer.buffer(row.payload().encode()))
                .map(response -> response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode())
                .onFailure().recoverWithItem(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                .chain(error -> error == null
                        ? finish(row, "SENT", null, clock.instant(), null)
                        : failed(row, error));
    }

    private Uni<String> failed(HotlineCallbackRepository.Due row, String error) {
        if (row.attempts() < config.maxAttempts()) {
            Instant next = clock.instant().plus(backoff(row.attempts()));
            return finish(row, "PENDING", "attempt " + row.attempts() + ": " + error, null, next);
        }
        LOG.warnf("hotline callback %d given up after %d attempt(s): %s", row.id(), row.attempts(), error);
        return finish(row, "FAILED", error, null, null);
    }

    /** The pause after attempt {@code attempts}: backoff, doubled for each earlier attempt, capped. */
    Duration backoff(int attempts) {
        Duration pause = config.backoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return pause.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : pause;
    }

    private Uni<String> finish(HotlineCallbackRepository.Due row, String state, String error, Instant sentAt,
                               Instant next) {
        return callbacks.finish(pool, row.id(), state, error, sentAt, next).replaceWith(state);
    }

    private static int count(List<String> outcomes, String state) {
        return (int) outcomes.stream().filter(state::equals).count();
    }
}
