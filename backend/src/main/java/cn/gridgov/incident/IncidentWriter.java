package cn.gridgov.incident;

import cn.gridgov.incident.IncidentRepository.FlowEvent;
import cn.gridgov.incident.IncidentRepository.NewIncident;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.List;

/**
 * Every state change of an incident goes through here, inside the caller's transaction: the incident row
 * (created, or updated only if its version is still the one read) and one flow row per change, then every
 * {@link IncidentChangeListener} (outbox rows, realtime events), so they commit or roll back with the change.
 */
@ApplicationScoped
public class IncidentWriter {

    private final IncidentRepository repository;
    private final Instance<IncidentChangeListener> listeners;

    public IncidentWriter(IncidentRepository repository, Instance<IncidentChangeListener> listeners) {
        this.repository = repository;
        this.listeners = listeners;
    }

    /**
     * Inserts a reported incident and the flow of its report (REPORT, and SELF_RESOLVE when resolved on the spot),
     * their ids taken beforehand ({@link IncidentRepository#newIds}), and tells the listeners, whose events are made
     * from what is written here (a new incident has no department calls) rather than read back. Nothing waits for
     * an answer, so the statements go out together (pipelined) in this order.
     */
    public Uni<Void> create(SqlClient tx, NewIncident incident, List<FlowEntry> flowOfReport, String categoryName) {
        List<Uni<?>> statements = new ArrayList<>();
        statements.add(repository.insert(tx, incident));
        for (FlowEntry e : flowOfReport) {
            statements.add(repository.appendFlow(tx, e));
            FlowEvent event = new FlowEvent(IncidentRepository.asStored(e), incident.reporterId(),
                    incident.regionPath(), categoryName, List.of());
            for (IncidentChangeListener listener : listeners) {
                statements.add(listener.created(tx, event));
            }
        }
        return Uni.combine().all().unis(statements).discardItems();
    }

    /** Writes {@code after} if {@code before} is still current, else 409 STALE_VERSION; then records the flow. */
    public Uni<Incident> change(SqlClient tx, Incident before, Incident after, FlowEntry entry) {
        return repository.update(tx, after, before.version()).chain(written -> {
            if (!written) {
                return Uni.createFrom().failure(IncidentProblems.staleVersion(before.id()));
            }
            return record(tx, entry).replaceWith(after);
        });
    }

    /**
     * Records an entry that leaves the incident row as it is (supervision's yellow and red marks and 督办, the steps
     * of department calls), answering the flow row's id. The incident's row is locked first and the entry names its
     * status and assignee as they are now: the caller may have read them before a change that has committed since,
     * and a row written after that change must not name the older state. So an incident's flow ids follow its
     * commits, whatever writes them (the realtime feed relies on it).
     */
    public Uni<Long> note(SqlClient tx, FlowEntry entry) {
        return repository.lockCurrent(tx, entry.incidentId()).chain(current -> {
            if (current == null) {
                return Uni.createFrom().failure(IncidentProblems.notFound(entry.incidentId()));
            }
            return record(tx, new FlowEntry(entry.id(), entry.incidentId(), entry.action(), current.status(),
                    current.status(), entry.actorId(), entry.actorRole(), entry.comment(), entry.mediaIds(),
                    current.assigneeId(), entry.ownerRegionId(), entry.at()));
        });
    }

    /**
     * The one place a state change is recorded: the append-only flow row, then the listeners in the same
     * transaction, with the row read back as an event (the incident's facts and its department calls as they
     * stand now).
     */
    private Uni<Long> record(SqlClient tx, FlowEntry entry) {
        return repository.appendFlow(tx, entry).call(flowId -> repository.flowEvent(tx, flowId).chain(event -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (IncidentChangeListener listener : listeners) {
                chain = chain.chain(() -> listener.recorded(tx, event));
            }
            return chain;
        }));
    }
}
