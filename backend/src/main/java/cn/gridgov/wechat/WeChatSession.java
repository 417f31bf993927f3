package cn.gridgov.wechat;

/**
 * What {@code jscode2session} tells about a mini-program user. {@code sessionKey} stays on the server:
 * never put it into an answer.
 */
public record WeChatSession(String openid, String unionid, String sessionKey) {

    @Override
    public String toString() {
        return "WeChatSession[openid=" + openid + ", unionid=" + unionid + "]";
    }
}
