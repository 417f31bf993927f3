package cn.gridgov.wechat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local HTTP server that answers like WeChat's API (JSON as text/plain, errors with HTTP 200), started
 * for the whole test run; {@code gridgov.wechat.base-url} points at it. Tests add stubs with unique codes.
 */
public class WeChatStub implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "stub-access-token";

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
                .willReturn(wechat("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
        // content checks pass unless a test stubs otherwise (its stubs have the default, higher priority)
        server.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(10)
                .willReturn(wechat("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"pass\",\"label\":100},"
                        + "\"trace_id\":\"stub-text-trace\"}")));
        server.stubFor(post(urlPathEqualTo("/wxa/media_check_async")).atPriority(10)
                .willReturn(wechat("{\"errcode\":0,\"errmsg\":\"ok\",\"trace_id\":\"stub-media-trace\"}")));
        return Map.of("gridgov.wechat.base-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server() {
        return server;
    }

    /** A WeChat-style answer: HTTP 200, JSON body labelled text/plain. */
    public static ResponseDefinitionBuilder wechat(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(json);
    }

    public static MappingBuilder login(String code) {
        return get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo(code));
    }

    /** {@code jscode2session} with {@code code} answers {@code openid} (and a session key that must stay secret). */
    public static StubMapping loginOk(String code, String openid) {
        return server.stubFor(login(code).willReturn(wechat("{\"openid\":\"" + openid
                + "\",\"session_key\":\"SECRET-" + openid + "\",\"unionid\":\"u-" + openid + "\"}")));
    }

    /** {@code jscode2session} with {@code code} answers WeChat error {@code errcode}. */
    public static StubMapping loginError(String code, int errcode) {
        return server.stubFor(login(code).willReturn(wechat("{\"errcode\":" + errcode + ",\"errmsg\":\"stub error\"}")));
    }

    /** {@code msgSecCheck} of text containing {@code marker} answers {@code suggest} (pass, review, risky). */
    public static StubMapping textCheck(String marker, String suggest) {
        return server.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(marker))
                .willReturn(wechat("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"" + suggest
                        + "\",\"label\":" + ("pass".equals(suggest) ? 100 : 20001) + "},\"trace_id\":\"t-" + marker + "\"}")));
    }

    /** {@code msgSecCheck} of text containing {@code marker} fails as WeChat being down (HTTP 502). */
    public static StubMapping textCheckDown(String marker) {
        return server.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(marker))
                .willReturn(aResponse().withStatus(502)));
    }

    /** {@code mediaCheckAsync} for the user {@code openid} answers {@code traceId}. */
    public static StubMapping mediaCheck(String openid, String traceId) {
        return server.stubFor(post(urlPathEqualTo("/wxa/media_check_async"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.openid", equalTo(openid)))
                .willReturn(wechat("{\"errcode\":0,\"errmsg\":\"ok\",\"trace_id\":\"" + traceId + "\"}")));
    }

    /** The phone-number code {@code code} answers {@code phone}. */
    public static StubMapping phoneOk(String code, String phone) {
        return server.stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber"))
                .withRequestBody(equalToJson("{\"code\":\"" + code + "\"}"))
                .willReturn(wechat("{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"" + phone
                        + "\",\"purePhoneNumber\":\"" + phone + "\",\"countryCode\":\"86\"}}")));
    }
}
