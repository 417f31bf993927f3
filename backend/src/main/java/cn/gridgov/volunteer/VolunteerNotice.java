package cn.gridgov.volunteer;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.notify.outbox.OutboxMessages;
import cn.gridgov.notify.outbox.OutboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The subscribe messages of volunteers, written to the outbox in the transaction of the change: a task they claimed
 * was cancelled or their claim confirmed ({@value #TASK_EVENT}), points were credited ({@value #POINTS_EVENT}). Each row's
 * subject names what it is about, so a retried change never sends twice; no template configured sends none.
 */
@ApplicationScoped
public class VolunteerNotice {

    /** The outbox event type of task messages. */
    public static final String TASK_EVENT = "VOLUNTEER_TASK";
    /** The outbox event type of points messages. */
    public static final String POINTS_EVENT = "VOLUNTEER_POINTS";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final OutboxRepository outbox;
    private final VolunteerConfig config;

    public VolunteerNotice(OutboxRepository outbox, VolunteerConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Tells the claimer ({@code userId}) that their claim {@code claimId} on task {@code taskId} became {@code status}. */
    public Uni<Void> claimChanged(SqlClient tx, long claimId, long taskId, String title, String status, String note,
                                  long userId, Instant now) {
        Optional<String> template = config.taskTemplate().filter(t -> !t.isBlank());
        if (template.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        VolunteerConfig.TaskFields f = config.taskFields();
        JsonObject data = new JsonObject()
                .put(f.title(), value(OutboxMessages.cut(title, 20)))
                .put(f.status(), value("CANCELLED".equals(status) ? "已取消" : "已确认"))
                .put(f.note(), value(OutboxMessages.cut(note, 20)))
                .put(f.time(), value(TIME.format(ApiTime.of(now))));
        JsonObject payload = new JsonObject().put("page", config.taskPage().replace("{id}", Long.toString(taskId)))
                .put("data", data);
        return outbox.insertAbout(tx, TASK_EVENT, "volunteer_claim:" + claimId + ":" + status, userId, template.get(),
                payload, now);
    }

    /** Tells a volunteer ({@code userId}) that ledger row {@code entryId} credited {@code amount} points. */
    public Uni<Void> credited(SqlClient tx, long entryId, int amount, int balance, String reason, long userId,
                              Instant now) {
        Optional<String> template = config.pointsTemplate().filter(t -> !t.isBlank());
        if (template.isEmpty() || amount <= 0) {
            return Uni.createFrom().voidItem();
        }
        VolunteerConfig.PointsFields f = config.pointsFields();
        JsonObject data = new JsonObject()
                .put(f.amount(), value(Integer.toString(amount)))
                .put(f.balance(), value(Integer.toString(balance)))
                .put(f.reason(), value(OutboxMessages.cut(reason, 20)))
                .put(f.time(), value(TIME.format(ApiTime.of(now))));
        JsonObject payload = new JsonObject().put("page", config.pointsPage()).put("data", data);
        return outbox.insertAbout(tx, POINTS_EVENT, "volunteer_points:" + entryId, userId, template.get(), payload, now);
    }

    private static JsonObject value(String v) {
        return new JsonObject().put("value", v);
    }
}
