package cn.gridgov.wechat;

import cn.gridgov.common.error.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The WeChat server API as the backend uses it: login ({@code jscode2session}), phone numbers, and calls
 * that need the access token (retried once with a fresh token when WeChat says it is invalid). In
 * {@code dev} mode it answers locally: login code {@code dev:<name>} is the user {@code dev-<name>}.
 */
@Singleton
public class WeChatClient {

    private static final Logger LOG = Logger.getLogger(WeChatClient.class);
    private static final Pattern DEV_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern DEV_PHONE = Pattern.compile("1\\d{10}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WeChatHttp http;
    private final WeChatAccessTokens tokens;
    private final WeChatConfig config;

    public WeChatClient(WeChatHttp http, WeChatAccessTokens tokens, WeChatConfig config) {
        this.http = http;
        this.tokens = tokens;
        this.config = config;
    }

    /** Whether this client answers locally instead of calling WeChat. */
    public boolean devMode() {
        return config.mode() == WeChatConfig.Mode.DEV;
    }

    /** Exchanges a {@code wx.login} code for the user's openid (and unionid, session key). */
    public Uni<WeChatSession> jscode2session(String code) {
        if (devMode()) {
            return Uni.createFrom().item(() -> devSession(code));
        }
        if (config.appId().isEmpty() || config.secret().isEmpty()) {
            return Uni.createFrom().failure(WeChatErrors::notConfigured);
        }
        return http.get("/sns/jscode2session", Map.of(
                        "appid", config.appId().get(),
                        "secret", config.secret().get(),
                        "js_code", code,
                        "grant_type", "authorization_code"))
                .map(answer -> {
                    check(WeChatCall.LOGIN, answer);
                    String openid = answer.getString("openid");
                    if (openid == null || openid.isBlank()) {
                        throw WeChatErrors.unavailable();
                    }
                    return new WeChatSession(openid, answer.getString("unionid"), answer.getString("session_key"));
                });
    }

    /** Reads the phone number behind a phone-number button code (each code works once). */
    public Uni<WeChatPhone> phoneNumber(String code) {
        if (devMode()) {
            return Uni.createFrom().item(() -> devPhone(code));
        }
        return callWithToken(WeChatCall.PHONE_NUMBER,
                token -> http.post("/wxa/business/getuserphonenumber", token, new JsonObject().put("code", code)))
                .map(answer -> {
                    JsonObject info = answer.getJsonObject("phone_info");
                    String phone = info == null ? null : info.getString("purePhoneNumber");
                    if (phone == null || phone.isBlank()) {
                        throw WeChatErrors.unavailable();
                    }
                    return new WeChatPhone(phone, info.getString("countryCode", "86"));
                });
    }

    /** What became of a subscribe message. */
    public enum Delivery {
        /** WeChat accepted it. */
        SENT,
        /** Dev mode: written to the log, not sent. */
        LOGGED
    }

    /**
     * Sends a subscribe message. Fails with WECHAT_NOT_SUBSCRIBED (43101: the user has not opted in, do not
     * retry), WECHAT_UNAVAILABLE (busy after retries, timeout: may be retried later) or another domain error.
     * In dev mode the message is logged instead.
     */
    public Uni<Delivery> sendSubscribeMessage(SubscribeMessage message) {
        if (devMode()) {
            LOG.infof("dev mode, subscribe message not sent: %s", message.body().encode());
            return Uni.createFrom().item(Delivery.LOGGED);
        }
        return postWithToken(WeChatCall.SUBSCRIBE_MESSAGE, "/cgi-bin/message/subscribe/send", message.body())
                .replaceWith(Delivery.SENT);
    }

    /**
     * A mini-program code ({@code getwxacodeunlimit}) that opens {@code page} with {@code scene} (at most 32
     * characters): PNG bytes. WeChat's refusals become domain errors (502 or 503, in Chinese). In dev mode a
     * plain QR code carrying the same page and scene ({@link DevQrCode}).
     */
    public Uni<byte[]> wxacodeUnlimit(String scene, String page, String envVersion, int width) {
        if (devMode()) {
            return Uni.createFrom().item(() -> DevQrCode.png(DevQrCode.content(page, scene), width));
        }
        JsonObject body = new JsonObject().put("scene", scene).put("page", page).put("check_path", false)
                .put("env_version", envVersion).put("width", width);
        return tokens.current()
                .flatMap(token -> http.postForImage("/wxa/getwxacodeunlimit", token, body).flatMap(answer -> {
                    if (answer.error() == null || !WeChatErrors.TOKEN_ERRORS.contains(WeChatHttp.errcode(answer.error()))) {
                        return Uni.createFrom().item(answer);
                    }
                    tokens.invalidate(token);
                    return tokens.current().flatMap(t -> http.postForImage("/wxa/getwxacodeunlimit", t, body));
                }))
                .map(answer -> {
                    if (answer.image() != null) {
                        return answer.image();
                    }
                    int errcode = WeChatHttp.errcode(answer.error());
                    if (errcode == 0) {
                        throw WeChatErrors.unavailable();
                    }
                    throw WeChatErrors.of(WeChatCall.WXACODE, errcode, answer.error().getString("errmsg"));
                });
    }

    /**
     * WeChat's text check ({@code msgSecCheck} v2) of {@code content} written by the user {@code openid} in
     * {@code scene}. WeChat's refusals (the user has not used the app for two hours: 61010, ...) fail as domain
     * errors; the caller decides what an unchecked text means. In dev mode a local word list stands in
     * ({@code gridgov.wechat.dev-risky-words}, {@code dev-review-words}).
     */
    public Uni<ContentCheck> msgSecCheck(String openid, ContentCheck.Scene scene, String content) {
        if (devMode()) {
            return Uni.createFrom().item(() -> devTextCheck(content));
        }
        JsonObject body = new JsonObject().put("version", 2).put("openid", openid).put("scene", scene.code())
                .put("content", content);
        return postWithToken(WeChatCall.TEXT_CHECK, "/wxa/msg_sec_check", body).map(answer -> {
            JsonObject result = answer.getJsonObject("result");
            if (result == null) {
                throw WeChatErrors.unavailable();
            }
            return new ContentCheck(ContentCheck.Suggest.of(result.getString("suggest")),
                    ContentCheck.label(result.getValue("label")), answer.getString("trace_id"));
        });
    }

    /**
     * Asks WeChat to check the image at {@code mediaUrl} (a URL WeChat can download) posted by {@code openid} in
     * {@code scene} ({@code mediaCheckAsync} v2, media type 2: image): answers the trace id its verdict will carry
     * when it is pushed to the callback. In dev mode nothing is asked and null is answered: every photo passes.
     */
    public Uni<String> mediaCheckAsync(String openid, ContentCheck.Scene scene, String mediaUrl) {
        if (devMode()) {
            return Uni.createFrom().nullItem();
        }
        JsonObject body = new JsonObject().put("media_url", mediaUrl).put("media_type", 2).put("version", 2)
                .put("openid", openid).put("scene", scene.code());
        return postWithToken(WeChatCall.MEDIA_CHECK, "/wxa/media_check_async", body).map(answer -> {
            String trace = answer.getString("trace_id", answer.getString("traceId"));
            if (trace == null || trace.isBlank()) {
                throw WeChatErrors.unavailable();
            }
            return trace;
        });
    }

    private ContentCheck devTextCheck(String content) {
        return devTextCheck(config.devRiskyWords(), config.devReviewWords(), content);
    }

    /** Dev mode's text check: risky when the text holds a word of {@code risky}, review when one of {@code review}. */
    static ContentCheck devTextCheck(java.util.List<String> risky, java.util.List<String> review, String content) {
        String text = content == null ? "" : content;
        if (risky.stream().anyMatch(w -> !w.isBlank() && text.contains(w.trim()))) {
            return new ContentCheck(ContentCheck.Suggest.RISKY, 20001, null);
        }
        if (review.stream().anyMatch(w -> !w.isBlank() && text.contains(w.trim()))) {
            return new ContentCheck(ContentCheck.Suggest.REVIEW, 10001, null);
        }
        return new ContentCheck(ContentCheck.Suggest.PASS, 100, null);
    }

    /**
     * POSTs {@code body} to an access-token API ({@code path}), returning the answer once its
     * {@code errcode} is 0; other codes become domain errors. For the later calls (messages, checks).
     */
    public Uni<JsonObject> postWithToken(WeChatCall call, String path, JsonObject body) {
        return callWithToken(call, token -> http.post(path, token, body));
    }

    private Uni<JsonObject> callWithToken(WeChatCall call, Function<String, Uni<JsonObject>> request) {
        return tokens.current()
                .flatMap(token -> request.apply(token).flatMap(answer -> {
                    if (!WeChatErrors.TOKEN_ERRORS.contains(WeChatHttp.errcode(answer))) {
                        return Uni.createFrom().item(answer);
                    }
                    tokens.invalidate(token);
                    return tokens.current().flatMap(t -> request.apply(t));
                }))
                .map(answer -> {
                    check(call, answer);
                    return answer;
                });
    }

    private static void check(WeChatCall call, JsonObject answer) {
        int errcode = WeChatHttp.errcode(answer);
        if (errcode != 0) {
            throw WeChatErrors.of(call, errcode, answer.getString("errmsg"));
        }
    }

    private static WeChatSession devSession(String code) {
        String name = code.startsWith("dev:") ? code.substring(4) : "";
        if (!DEV_NAME.matcher(name).matches()) {
            throw DomainException.badRequest("WECHAT_CODE_INVALID",
                    "开发模式下登录凭证须为 dev:<名字>（字母、数字、-、_）",
                    "In dev mode the login code must be dev:<name> (letters, digits, - and _)");
        }
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return new WeChatSession("dev-" + name, null, Base64.getEncoder().encodeToString(key));
    }

    private static WeChatPhone devPhone(String code) {
        String phone = code.startsWith("dev:") ? code.substring(4) : "";
        if (!DEV_PHONE.matcher(phone).matches()) {
            throw DomainException.badRequest("WECHAT_PHONE_CODE_INVALID",
                    "开发模式下手机号凭证须为 dev:<11 位手机号>",
                    "In dev mode the phone code must be dev:<11-digit mobile number>");
        }
        return new WeChatPhone(phone, "86");
    }
}
