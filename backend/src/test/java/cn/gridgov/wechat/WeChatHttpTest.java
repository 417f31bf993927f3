package cn.gridgov.wechat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the WeChat client logs never contains the secret, login codes or tokens. */
class WeChatHttpTest {

    @Test
    void redactsSecretsFromLoggedUrls() {
        String logged = WeChatHttp.redact("timeout while executing GET /sns/jscode2session?grant_type=authorization_code"
                + "&appid=wx1&js_code=abc123&secret=s3cr3t for server x; POST /wxa/x?access_token=TOKEN");
        assertFalse(logged.contains("s3cr3t"));
        assertFalse(logged.contains("abc123"));
        assertFalse(logged.contains("TOKEN"));
        assertTrue(logged.contains("appid=wx1"));
    }
}
