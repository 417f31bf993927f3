package cn.gridgov.party.member;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.notify.outbox.OutboxMessages;
import cn.gridgov.notify.outbox.OutboxRepository;
import cn.gridgov.party.PartyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The subscribe message telling a member their dual registration was decided: one outbox row per decision (its
 * subject names the registration and its version), written in the decision's transaction, sent at least once by the
 * outbox sender. Members not linked to a mini-program user, or no template configured, get none.
 */
@ApplicationScoped
public class RegistrationNotice {

    /** The outbox event type of these messages. */
    public static final String EVENT = "PARTY_REG";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final OutboxRepository outbox;
    private final PartyConfig config;

    public RegistrationNotice(OutboxRepository outbox, PartyConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    Uni<Void> decided(SqlClient tx, RegistrationRow g, Instant now) {
        if (g.memberUserId() == null || config.registrationTemplate().filter(t -> !t.isBlank()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        PartyConfig.RegistrationFields f = config.registrationFields();
        boolean approved = "APPROVED".equals(g.status());
        JsonObject data = new JsonObject()
                .put(f.result(), value(approved ? "已通过" : "未通过"))
                .put(f.community(), value(OutboxMessages.cut(g.communityName(), 20)))
                .put(f.note(), value(OutboxMessages.cut(approved ? "已加入社区党员名册" : g.refusalReason(), 20)))
                .put(f.time(), value(TIME.format(ApiTime.of(now))));
        JsonObject payload = new JsonObject()
                .put("page", config.registrationPage().replace("{id}", Long.toString(g.id()))).put("data", data);
        return outbox.insertAbout(tx, EVENT, "party_registration:" + g.id() + ":" + g.version(), g.memberUserId(),
                config.registrationTemplate().get(), payload, now);
    }

    private static JsonObject value(String v) {
        return new JsonObject().put("value", v);
    }
}
