package cn.gridgov.wechat;

/** Which WeChat call an answer belongs to, so an error code can be explained in that call's terms. */
public enum WeChatCall {
    LOGIN, ACCESS_TOKEN, PHONE_NUMBER, SUBSCRIBE_MESSAGE, WXACODE, TEXT_CHECK, MEDIA_CHECK, OTHER
}
