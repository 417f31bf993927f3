package cn.gridgov.notify;

import io.vertx.core.json.JsonObject;

/** An outbox row claimed for sending, with the recipient's openid (null: they never linked WeChat). */
public record OutboxRow(long id, long recipientId, String openid, String templateId, JsonObject payload,
                        int attempts) {
}
