package cn.gridgov.wechat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The mini program's access token ({@code /cgi-bin/stable_token}): cached, replaced a few minutes before
 * it expires, and fetched once however many callers ask at the same time (they share the one request).
 */
@Singleton
public class WeChatAccessTokens {

    private record Cached(String value, Instant refreshAt) {
    }

    private final WeChatHttp http;
    private final WeChatConfig config;
    private final Clock clock = Clock.systemUTC();

    private Cached cached;
    private Uni<String> inFlight;

    public WeChatAccessTokens(WeChatHttp http, WeChatConfig config) {
        this.http = http;
        this.config = config;
    }

    /** A valid access token: the cached one, or a fresh one shared with concurrent callers. */
    public Uni<String> current() {
        return Uni.createFrom().deferred(() -> {
            synchronized (this) {
                if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                    return Uni.createFrom().item(cached.value());
                }
                if (inFlight == null) {
                    inFlight = fetch()
                            .onTermination().invoke(this::fetchDone)
                            .memoize().indefinitely();
                }
                return inFlight;
            }
        });
    }

    /** Drops {@code failed} if it is still the cached token (another caller may have replaced it already). */
    public synchronized void invalidate(String failed) {
        if (cached != null && cached.value().equals(failed)) {
            cached = null;
        }
    }

    /** Forgets the cached token (tests start from an empty cache). */
    synchronized void clear() {
        cached = null;
    }

    private synchronized void fetchDone() {
        inFlight = null;
    }

    private Uni<String> fetch() {
        if (config.appId().isEmpty() || config.secret().isEmpty()) {
            return Uni.createFrom().failure(WeChatErrors::notConfigured);
        }
        JsonObject body = new JsonObject()
                .put("grant_type", "client_credential")
                .put("appid", config.appId().get())
                .put("secret", config.secret().get())
                .put("force_refresh", false);
        return http.post("/cgi-bin/stable_token", null, body).map(answer -> {
            int errcode = WeChatHttp.errcode(answer);
            String token = answer.getString("access_token");
            if (errcode != 0 || token == null || token.isBlank()) {
                throw errcode != 0 ? WeChatErrors.of(WeChatCall.ACCESS_TOKEN, errcode, answer.getString("errmsg"))
                        : WeChatErrors.unavailable();
            }
            long expiresIn = answer.getLong("expires_in", 7200L);
            Duration margin = config.tokenRefreshMargin();
            Instant refreshAt = clock.instant().plusSeconds(expiresIn).minus(margin);
            synchronized (this) {
                cached = new Cached(token, refreshAt);
            }
            return token;
        });
    }
}
