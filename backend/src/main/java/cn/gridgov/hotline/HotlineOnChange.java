package cn.gridgov.hotline;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.FlowEntry;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentChangeListener;
import cn.gridgov.incident.IncidentRepository.FlowEvent;
import cn.gridgov.notify.outbox.OutboxMessages;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.format.DateTimeFormatter;

/**
 * Inside the transaction of every change of an incident: when the incident came from a hotline work order, queues
 * the change for the platform's callback URL, so the callback exists exactly when the change does. The report
 * itself is not called back: the platform had its answer to the push.
 */
@ApplicationScoped
public class HotlineOnChange implements IncidentChangeListener {

    private final HotlineCallbackRepository callbacks;

    public HotlineOnChange(HotlineCallbackRepository callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public Uni<Void> recorded(SqlClient tx, FlowEvent event) {
        FlowEntry entry = event.entry();
        long flowId = entry.id();
        if (entry.action() == IncidentAction.REPORT) {
            return Uni.createFrom().voidItem();
        }
        String status = entry.to() == null ? null : entry.to().name();
        return callbacks.queue(tx, new HotlineCallbackRepository.Change(entry.incidentId(), flowId, entry.action().name(),
                entry.from() == null ? null : entry.from().name(), status,
                status == null ? null : OutboxMessages.statusName(status), entry.comment(),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ApiTime.of(entry.at()))), entry.at());
    }
}
