package cn.gridgov.wechat;

import cn.gridgov.common.error.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The wire to WeChat: non-blocking requests with timeouts, answers read as JSON whatever their content
 * type, and "system busy" ({@code errcode -1}) retried with backoff. Other error codes are left to callers.
 */
@Singleton
public class WeChatHttp {

    private static final Logger LOG = Logger.getLogger(WeChatHttp.class);

    private final WebClient client;
    private final WeChatConfig config;
    private final String baseUrl;

    public WeChatHttp(Vertx vertx, WeChatConfig config) {
        this.config = config;
        this.baseUrl = config.baseUrl().replaceAll("/+$", "");
        URI uri = URI.create(baseUrl);
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSsl("https".equals(uri.getScheme()))
                .setUserAgent("gridgov")
                .setKeepAlive(true));
    }

    /** GET {@code path} with query parameters. */
    public Uni<JsonObject> get(String path, Map<String, String> query) {
        return withBusyRetry(() -> {
            HttpRequest<Buffer> request = client.getAbs(baseUrl + path);
            query.forEach(request::addQueryParam);
            return send(request, null);
        });
    }

    /** POST a JSON body to {@code path}, with the access token as a query parameter when given. */
    public Uni<JsonObject> post(String path, String accessToken, JsonObject body) {
        return withBusyRetry(() -> {
            HttpRequest<Buffer> request = client.postAbs(baseUrl + path);
            if (accessToken != null) {
                request.addQueryParam("access_token", accessToken);
            }
            request.putHeader("Content-Type", "application/json");
            return send(request, Buffer.buffer(body.encode()));
        });
    }

    /** What an image call answered: the image's bytes, or (when WeChat refused) its JSON error. */
    public record ImageAnswer(byte[] image, JsonObject error) {
    }

    /**
     * POST a JSON body to an API that answers an image (mini-program codes): the bytes when the answer is an
     * image, else the JSON error, read whatever its content type. "System busy" is retried like {@link #post}.
     */
    public Uni<ImageAnswer> postForImage(String path, String accessToken, JsonObject body) {
        return withBusyRetry(() -> {
            HttpRequest<Buffer> request = client.postAbs(baseUrl + path);
            if (accessToken != null) {
                request.addQueryParam("access_token", accessToken);
            }
            request.putHeader("Content-Type", "application/json");
            request.timeout(config.requestTimeout().toMillis());
            return request.sendBuffer(Buffer.buffer(body.encode()))
                    .map(response -> {
                        byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes();
                        if (response.statusCode() == 200 && isImage(response.getHeader("Content-Type"), bytes)) {
                            return new JsonObject().put(IMAGE, bytes);
                        }
                        return parse(response);
                    })
                    .onFailure(e -> !(e instanceof DomainException)).transform(e -> {
                        LOG.warnf("WeChat call %s failed: %s", path, redact(e.toString()));
                        return WeChatErrors.unavailable();
                    });
        }).map(answer -> answer.containsKey(IMAGE)
                ? new ImageAnswer(answer.getBinary(IMAGE), null)
                : new ImageAnswer(null, answer));
    }

    /** Where {@link #postForImage} carries an image through the JSON-typed retry. */
    private static final String IMAGE = "__image";

    private static boolean isImage(String contentType, byte[] bytes) {
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
        return png || jpeg || (contentType != null && contentType.startsWith("image/") && bytes.length > 0);
    }

    /** The {@code errcode} of an answer; 0 when absent. */
    static int errcode(JsonObject answer) {
        Object code = answer.getValue("errcode");
        return code instanceof Number n ? n.intValue() : 0;
    }

    private Uni<JsonObject> send(HttpRequest<Buffer> request, Buffer body) {
        request.timeout(config.requestTimeout().toMillis());
        Uni<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendBuffer(body);
        return sent.map(this::parse)
                .onFailure(e -> !(e instanceof DomainException)).transform(e -> {
                    LOG.warnf("WeChat call %s failed: %s", path(request.uri()), redact(e.toString()));
                    return WeChatErrors.unavailable();
                });
    }

    /** Never log secrets, login codes or tokens that ride in query strings. */
    static String redact(String text) {
        return text == null ? null
                : text.replaceAll("(secret|js_code|access_token|code)=[^&\\s]*", "$1=***");
    }

    private static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private JsonObject parse(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            LOG.warnf("WeChat answered HTTP %d", response.statusCode());
            throw WeChatErrors.unavailable();
        }
        String text = response.bodyAsString();
        try {
            return new JsonObject(text == null ? "" : text);
        } catch (DecodeException | ClassCastException e) {
            LOG.warnf("WeChat answered something that is not a JSON object (%d characters)",
                    text == null ? 0 : text.length());
            throw WeChatErrors.unavailable();
        }
    }

    private Uni<JsonObject> withBusyRetry(java.util.function.Supplier<Uni<? extends JsonObject>> call) {
        Duration first = config.busyBackoff();
        return Uni.createFrom().deferred(call)
                .onItem().transformToUni(answer -> errcode(answer) == WeChatErrors.BUSY
                        ? Uni.createFrom().<JsonObject>failure(new Busy())
                        : Uni.createFrom().item(answer))
                // backoff retries wrap the last failure in "retries exhausted" when they give up
                .onFailure(Busy.class).retry().withBackOff(first, first.multipliedBy(8)).atMost(config.busyRetries())
                .onFailure(e -> e instanceof Busy || e.getCause() instanceof Busy)
                .transform(e -> WeChatErrors.unavailable());
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Marks a busy answer for the retry. */
    private static final class Busy extends RuntimeException {
        Busy() {
            super("WeChat is busy", null, false, false);
        }
    }
}
