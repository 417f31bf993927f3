package cn.gridgov.wechat;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.RateLimited;
import cn.gridgov.common.error.RetryLater;
import cn.gridgov.common.error.Unavailable;
import cn.gridgov.common.error.UpstreamFailed;

import java.util.Set;

/** Turns WeChat's error codes into domain errors a user (or an operator) can act on. */
public final class WeChatErrors {

    /** The access token is invalid or expired: drop it and retry once. */
    static final Set<Integer> TOKEN_ERRORS = Set.of(40001, 40014, 42001);

    /** "System busy": retried with backoff. */
    static final int BUSY = -1;

    /** The user has not subscribed (or used up their one-time subscription): not an error to retry. */
    public static final int NOT_SUBSCRIBED = 43101;

    private WeChatErrors() {
    }

    /** The domain error for a non-zero {@code errcode} of {@code call}. */
    public static DomainException of(WeChatCall call, int errcode, String errmsg) {
        String en = " (WeChat errcode " + errcode + ")";
        if (call == WeChatCall.WXACODE && (errcode == 45009 || errcode == 41030 || errcode == 40097)) {
            return errcode == 45009
                    ? new Unavailable("WECHAT_UNAVAILABLE", "微信生成小程序码过于频繁，请稍后再试",
                            "WeChat limits how often codes are generated; try again later" + en, 60)
                    : new UpstreamFailed("WECHAT_PAGE_INVALID", "小程序码的页面或参数有误（页面可能尚未发布），请联系管理员",
                            "WeChat refused the page or the scene of the mini-program code" + en);
        }
        return switch (errcode) {
            case 40029, 40163 -> call == WeChatCall.PHONE_NUMBER
                    ? DomainException.badRequest("WECHAT_PHONE_CODE_INVALID",
                            "获取手机号的凭证无效或已使用，请重新授权手机号",
                            "The phone-number code is invalid or already used; ask the user to authorise again" + en)
                    : DomainException.badRequest("WECHAT_CODE_INVALID",
                            "微信登录凭证无效或已使用，请重新登录",
                            "The WeChat login code is invalid or already used; ask the user to retry" + en);
            case 45011, 45009 -> new RateLimited("WECHAT_RATE_LIMITED",
                    "操作过于频繁，请稍后再试", "Too many WeChat requests; try again in a minute" + en, 60);
            case NOT_SUBSCRIBED -> new Conflict("WECHAT_NOT_SUBSCRIBED",
                    "用户未订阅该消息", "The user has not subscribed to this message" + en);
            case 40037, 47003, 41030 -> call == WeChatCall.SUBSCRIBE_MESSAGE
                    ? new UpstreamFailed("WECHAT_TEMPLATE_INVALID", "订阅消息模板、数据或页面配置有误，请联系管理员",
                            "WeChat refused the template id, its data or the page" + en)
                    : new UpstreamFailed("WECHAT_ERROR", "微信服务返回错误（" + errcode + "），请稍后重试",
                            "WeChat answered with an error: " + errmsg + en);
            case 40226 -> new NotAllowed("WECHAT_USER_BLOCKED",
                    "该微信账号存在风险，暂时无法登录", "WeChat blocked this high-risk user" + en);
            case BUSY -> unavailable();
            case 40001, 40014, 42001 -> new Unavailable("WECHAT_UNAVAILABLE",
                    "微信服务暂时不可用，请稍后重试", "WeChat refused our access token twice" + en, 30);
            case 40013, 40125, 41002, 41004, 40164, 61024 -> new UpstreamFailed("WECHAT_MISCONFIGURED",
                    "微信服务配置有误，请联系管理员", "WeChat rejected our AppID, secret or caller IP" + en);
            default -> new UpstreamFailed("WECHAT_ERROR",
                    "微信服务返回错误（" + errcode + "），请稍后重试", "WeChat answered with an error: " + errmsg + en);
        };
    }

    /** WeChat did not answer in time, answered garbage, or stayed busy after retries: 503, retry later. */
    public static RetryLater unavailable() {
        return new Unavailable("WECHAT_UNAVAILABLE", "微信服务暂时不可用，请稍后重试",
                "WeChat is unavailable; try again later", 30);
    }

    /** Real mode without an AppID or secret configured. */
    static DomainException notConfigured() {
        return new UpstreamFailed("WECHAT_MISCONFIGURED", "微信服务配置有误，请联系管理员",
                "gridgov.wechat.app-id and gridgov.wechat.secret are not set");
    }
}
