package cn.gridgov.wechat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the backend reaches WeChat's server API (or pretends to, in {@code dev} mode). */
@ConfigMapping(prefix = "gridgov.wechat")
public interface WeChatConfig {

    /** {@code real} calls WeChat; {@code dev} answers locally (login code {@code dev:<name>}), refused in prod. */
    @WithDefault("real")
    Mode mode();

    /** WeChat's API host; tests point it at a local stub server. */
    @WithDefault("https://api.weixin.qq.com")
    String baseUrl();

    /** The mini program's AppID; required in {@code real} mode. */
    Optional<String> appId();

    /** The mini program's AppSecret; required in {@code real} mode. */
    Optional<String> secret();

    /** How long to wait for a connection to WeChat. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /** How long to wait for an answer before giving up (the user is waiting). */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /** How long before its expiry the cached access token is replaced. */
    @WithDefault("PT5M")
    Duration tokenRefreshMargin();

    /** How many times a "system busy" answer ({@code errcode -1}) is retried. */
    @WithDefault("3")
    int busyRetries();

    /** The first pause before retrying a busy answer; it doubles with each retry. */
    @WithDefault("PT0.2S")
    Duration busyBackoff();

    /**
     * The token typed into the mini program's message-push settings (消息推送 Token): pushes are signed with it. Without
     * it every push to {@code /api/v1/wechat/callback} is refused (nothing can be verified).
     */
    Optional<String> pushToken();

    /** How far a push's timestamp may lie from our clock before the push is refused as stale. */
    @WithDefault("PT5M")
    Duration pushWindow();

    /**
     * Dev mode's stand-in for the text check: text containing any of these words is risky (refused). Tests and
     * local runs use it; WeChat's own lists are far larger.
     */
    @WithDefault("赌博,色情,毒品,枪支")
    java.util.List<String> devRiskyWords();

    /** Dev mode's stand-in for the text check: text containing any of these words goes to a moderator. */
    @WithDefault("微商,代购,加微信")
    java.util.List<String> devReviewWords();

    /** Real WeChat, or a local stand-in for development without network. */
    enum Mode { REAL, DEV }
}
