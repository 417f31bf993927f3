package cn.gridgov.wechat;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.Unauthenticated;
import cn.gridgov.common.error.UpstreamFailed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * WeChat's message push (消息推送) to {@code /api/v1/wechat/callback}: every push and the first {@code echostr}
 * handshake are verified ({@code signature = sha1(sort(token, timestamp, nonce))}), pushes whose timestamp lies
 * outside {@code gridgov.wechat.push-window} of our clock are refused as stale, and a nonce seen before within the
 * window is refused as a replay. Only plaintext JSON pushes are taken: encrypted (安全模式) pushes are refused with a
 * clear message, since the backend keeps no EncodingAESKey.
 */
@ApplicationScoped
public class WeChatPushes {

    private static final Logger LOG = Logger.getLogger(WeChatPushes.class);

    /** What WeChat expects back from a push it may stop resending. */
    public static final String ACK = "success";

    private final WeChatConfig config;
    private final Pool pool;
    private final Clock clock;
    private final Instance<MediaCheckVerdicts> verdicts;

    public WeChatPushes(WeChatConfig config, Pool pool, Clock clock, Instance<MediaCheckVerdicts> verdicts) {
        this.config = config;
        this.pool = pool;
        this.clock = clock;
        this.verdicts = verdicts;
    }

    /** The handshake: a verified, fresh, first-seen request gets its {@code echostr} back. */
    public Uni<String> handshake(String signature, String timestamp, String nonce, String echostr) {
        if (echostr == null || echostr.isBlank()) {
            throw DomainException.badRequest("WECHAT_ECHOSTR_MISSING", "缺少 echostr 参数", "echostr is missing");
        }
        return verified(signature, timestamp, nonce).replaceWith(echostr);
    }

    /** A push: verified, then handled by its event; answers {@link #ACK}. */
    public Uni<String> push(String signature, String timestamp, String nonce, String encryptType, String body) {
        if (encryptType != null && !encryptType.isBlank() && !"raw".equalsIgnoreCase(encryptType)) {
            throw encrypted();
        }
        return verified(signature, timestamp, nonce).chain(() -> {
            JsonObject message = parse(body);
            if (message.containsKey("Encrypt")) {
                throw encrypted();
            }
            String event = message.getString("Event", "");
            if (!"wxa_media_check".equals(event)) {
                LOG.debugf("WeChat push %s/%s ignored", message.getString("MsgType"), event);
                return Uni.createFrom().item(ACK);
            }
            JsonObject result = message.getJsonObject("result", new JsonObject());
            ContentCheck check = new ContentCheck(ContentCheck.Suggest.of(result.getString("suggest")),
                    ContentCheck.label(result.getValue("label")), message.getString("trace_id"));
            if (check.traceId() == null || check.traceId().isBlank()) {
                throw DomainException.badRequest("WECHAT_PUSH_INVALID", "推送的内容检测结果缺少 trace_id",
                        "The wxa_media_check push has no trace_id");
            }
            Uni<Void> handled = Uni.createFrom().voidItem();
            for (MediaCheckVerdicts v : verdicts) {
                handled = handled.chain(() -> v.received(check));
            }
            return handled.replaceWith(ACK);
        });
    }

    /** Signature, then time window, then first use of the nonce. */
    private Uni<Void> verified(String signature, String timestamp, String nonce) {
        String token = config.pushToken().filter(t -> !t.isBlank()).orElseThrow(() -> new UpstreamFailed(
                "WECHAT_PUSH_NOT_CONFIGURED", "未配置消息推送 Token（gridgov.wechat.push-token），无法验证微信推送",
                "gridgov.wechat.push-token is not set: pushes cannot be verified"));
        if (signature == null || timestamp == null || nonce == null || nonce.isBlank() || nonce.length() > 40
                || !MessageDigest.isEqual(signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                signature(token, timestamp, nonce).getBytes(StandardCharsets.US_ASCII))) {
            throw new Unauthenticated("WECHAT_SIGNATURE_INVALID", "微信推送签名校验失败",
                    "The signature of the WeChat push does not verify");
        }
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new Unauthenticated("WECHAT_PUSH_STALE", "微信推送的时间戳无效", "The push's timestamp is not valid");
        }
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(config.pushWindow())) || sent.isAfter(now.plus(config.pushWindow()))) {
            throw new Unauthenticated("WECHAT_PUSH_STALE", "微信推送已过期（时间戳超出允许范围），不予处理",
                    "The push's timestamp lies outside the allowed window");
        }
        // a nonce is remembered for twice the window: a replay within the window always finds it
        return pool.preparedQuery("""
                        WITH pruned AS (DELETE FROM wechat_push_nonce WHERE received_at < $3)
                        INSERT INTO wechat_push_nonce (nonce, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(timestamp.trim() + ":" + nonce, now.atOffset(ZoneOffset.UTC),
                        now.minus(config.pushWindow().multipliedBy(2)).atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new Conflict("WECHAT_PUSH_REPLAYED", "重复的微信推送（nonce 已使用），不予处理",
                                "The push's nonce was used before: a replay");
                    }
                    return null;
                });
    }

    /** {@code sha1} of the token, timestamp and nonce sorted and joined, in lower-case hex. */
    static String signature(String token, String timestamp, String nonce) {
        String joined = String.join("", Stream.of(token, timestamp, nonce).sorted().toList());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject parse(String body) {
        String text = body == null ? "" : body.trim();
        if (text.startsWith("<")) {
            throw DomainException.badRequest("WECHAT_PUSH_FORMAT",
                    "只接受 JSON 格式的消息推送，请在小程序后台把数据格式设为 JSON",
                    "Only JSON pushes are accepted; set the data format to JSON");
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw DomainException.badRequest("WECHAT_PUSH_INVALID", "推送内容不是有效的 JSON",
                    "The push body is not a JSON object");
        }
    }

    private static DomainException encrypted() {
        return DomainException.badRequest("WECHAT_PUSH_ENCRYPTED",
                "不支持安全模式（加密）的消息推送，请在小程序后台把消息加密方式设为明文模式",
                "Encrypted (safe mode) pushes are not supported; set the message encryption to plaintext");
    }
}
