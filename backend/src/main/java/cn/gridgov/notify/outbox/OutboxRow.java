package cn.gridgov.notify.outbox;

import io.vertx.core.json.JsonObject;

/** An outbox row claimed for sending, then with the recipient's openid (null: they never linked WeChat). */
public record OutboxRow(long id, long recipientId, String openid, String templateId, JsonObject payload,
                        int attempts) {

    /** The row with the recipient's openid, as identity gives it. */
    OutboxRow withOpenid(String openidOfRecipient) {
        return new OutboxRow(id, recipientId, openidOfRecipient, templateId, payload, attempts);
    }
}
