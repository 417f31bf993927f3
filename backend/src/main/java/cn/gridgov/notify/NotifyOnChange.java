package cn.gridgov.notify;

import cn.gridgov.incident.IncidentChangeListener;
import cn.gridgov.incident.IncidentRepository.FlowEvent;
import cn.gridgov.notify.outbox.OutboxMessages;
import cn.gridgov.notify.outbox.OutboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Inside the transaction of every state change: queues the subscribe messages (outbox rows) and publishes
 * the realtime event (NOTIFY, delivered to every replica at commit), so neither exists without the change; a new
 * incident's events are published right after its commit instead ({@link #created}).
 */
@ApplicationScoped
public class NotifyOnChange implements IncidentChangeListener {

    private final EventRepository events;
    private final OutboxRepository outbox;
    private final OutboxMessages messages;
    private final CommittedEvents committed;

    public NotifyOnChange(EventRepository events, OutboxRepository outbox, OutboxMessages messages,
                          CommittedEvents committed) {
        this.committed = committed;
        this.events = events;
        this.outbox = outbox;
        this.messages = messages;
    }

    /** The NOTIFY and the outbox rows are sent together: neither needs the other's answer. */
    @Override
    public Uni<Void> recorded(SqlClient tx, FlowEvent flowEvent) {
        IncidentEvent event = IncidentEvent.of(flowEvent).withComment(flowEvent.entry().comment());
        return notifyAndQueue(tx, flowEvent, event, events.notifyReplicas(tx, event));
    }

    /**
     * A new incident's events are published after its transaction commits ({@link CommittedEvents}): its commit
     * takes no NOTIFY lock. Nobody can change the incident before that commit, and its later changes are published
     * with theirs; the outbox rows are still written in the transaction.
     */
    @Override
    public Uni<Void> created(SqlClient tx, FlowEvent flowEvent) {
        IncidentEvent event = IncidentEvent.of(flowEvent).withComment(flowEvent.entry().comment());
        return notifyAndQueue(tx, flowEvent, event, committed.afterCommit(tx, event));
    }

    private Uni<Void> notifyAndQueue(SqlClient tx, FlowEvent flowEvent, IncidentEvent event, Uni<Void> notified) {
        return messages.template(event.type())
                .map(template -> Uni.combine().all().unis(notified,
                        outbox.insert(tx, rows(event, template), flowEvent.entry().at())).discardItems())
                .orElse(notified);
    }

    /**
     * Queues the subscribe message of flow row {@code flowId} for {@code recipients} as well (department staff told of
     * a call to their department), in the change's transaction: the same template and words as everyone else's,
     * never to the actor, at most one per person and row.
     */
    public Uni<Void> alsoTell(SqlClient tx, long flowId, List<Long> recipients) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return events.load(tx, flowId).chain(event -> messages.template(event.type())
                .map(template -> outbox.insert(tx, rows(event, template, recipients.stream()
                        .filter(id -> id != event.actorId()).distinct().toList()), event.at()))
                .orElse(Uni.createFrom().voidItem()));
    }

    private List<OutboxRepository.NewRow> rows(IncidentEvent event, String template) {
        return rows(event, template, messages.recipients(event));
    }

    private List<OutboxRepository.NewRow> rows(IncidentEvent event, String template, List<Long> recipients) {
        return recipients.stream()
                .map(recipient -> new OutboxRepository.NewRow(event.type().key(), event.incidentId(), event.id(),
                        recipient, template, messages.payload(event)))
                .toList();
    }
}
