package cn.gridgov.incident;

import cn.gridgov.incident.IncidentRepository.FlowEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Told of every flow row inside the transaction that writes it (outbox rows, realtime events), so what it
 * writes commits or rolls back with the change. A failure here fails the change.
 */
public interface IncidentChangeListener {

    /**
     * {@code event}'s flow row (its entry, with its id) was appended, the incident row is already written; the
     * event carries the incident's facts as they stand in this transaction, so there is nothing to read back. The
     * statements it sends may go out together with the writer's others (pipelined): send them, don't wait on them
     * unless a result is needed.
     */
    Uni<Void> recorded(SqlClient tx, FlowEvent event);

    /**
     * {@link #recorded}, for a flow row of the transaction that creates the incident (its report): nobody can have
     * seen the incident before that transaction commits. By default the same as any other row.
     */
    default Uni<Void> created(SqlClient tx, FlowEvent event) {
        return recorded(tx, event);
    }
}
