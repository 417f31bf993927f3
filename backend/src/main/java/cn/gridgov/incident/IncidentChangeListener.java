package cn.gridgov.incident;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Told of every flow row inside the transaction that writes it (outbox rows, realtime events), so what it
 * writes commits or rolls back with the change. A failure here fails the change.
 */
public interface IncidentChangeListener {

    /** {@code entry} was appended to the flow with id {@code flowId}; the incident row is already written. */
    Uni<Void> recorded(SqlClient tx, long flowId, FlowEntry entry);
}
