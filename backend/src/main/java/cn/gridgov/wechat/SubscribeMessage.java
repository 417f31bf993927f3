package cn.gridgov.wechat;

import io.vertx.core.json.JsonObject;

/**
 * One subscribe message ({@code /cgi-bin/message/subscribe/send}): to whom, which template, the page it opens
 * and the template's {@code data} ({@code {"thing2": {"value": "..."}}}).
 */
public record SubscribeMessage(String openid, String templateId, String page, JsonObject data, String miniprogramState,
                               String lang) {

    JsonObject body() {
        JsonObject body = new JsonObject().put("touser", openid).put("template_id", templateId).put("data", data);
        if (page != null) {
            body.put("page", page);
        }
        if (miniprogramState != null) {
            body.put("miniprogram_state", miniprogramState);
        }
        if (lang != null) {
            body.put("lang", lang);
        }
        return body;
    }
}
