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

    /** Real WeChat, or a local stand-in for development without network. */
    enum Mode { REAL, DEV }
}
