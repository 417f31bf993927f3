package cn.gridgov.party.cobuild;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.notify.outbox.OutboxMessages;
import cn.gridgov.notify.outbox.OutboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The subscribe message telling a unit's contact that a resource share of their unit was accepted or declined: one
 * outbox row per decision (its subject names the share and its version), in the decision's transaction. A contact not
 * linked to a mini-program user, a decision the contact took themselves, or no template configured, sends none.
 */
@ApplicationScoped
public class ShareNotice {

    /** The outbox event type of these messages. */
    public static final String EVENT = "COBUILD_SHARE";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final OutboxRepository outbox;
    private final CobuildConfig config;

    public ShareNotice(OutboxRepository outbox, CobuildConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    Uni<Void> decided(SqlClient tx, ShareRow s, long decidedBy, Instant now) {
        Long recipient = s.contactUserId();
        if (recipient == null || recipient == decidedBy || config.shareTemplate().filter(t -> !t.isBlank()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        CobuildConfig.ShareFields f = config.shareFields();
        JsonObject data = new JsonObject()
                .put(f.result(), value(ShareFlow.ACCEPTED.equals(s.status()) ? "已接受" : "已拒绝"))
                .put(f.resource(), value(OutboxMessages.cut(s.resourceName(), 20)))
                .put(f.community(), value(OutboxMessages.cut(s.communityName(), 20)))
                .put(f.time(), value(TIME.format(ApiTime.of(now))));
        JsonObject payload = new JsonObject()
                .put("page", config.sharePage().replace("{id}", Long.toString(s.id()))).put("data", data);
        return outbox.insertAbout(tx, EVENT, "cobuild_share:" + s.id() + ":" + s.version(), recipient,
                config.shareTemplate().get(), payload, now);
    }

    private static JsonObject value(String v) {
        return new JsonObject().put("value", v);
    }
}
