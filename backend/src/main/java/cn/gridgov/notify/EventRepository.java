package cn.gridgov.notify;

import cn.gridgov.incident.IncidentRepository;
import cn.gridgov.notify.feed.FeedViewer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Flow rows as realtime events, read through the incident package's repository (it owns the tables): the ones
 * after an id; and their publication to every replica.
 */
@ApplicationScoped
public class EventRepository {

    /** The channel every replica LISTENs on; the payload is the event as JSON. */
    public static final String CHANNEL = "incident_events";

    private final IncidentRepository incidents;

    public EventRepository(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    /**
     * The event of flow row {@code flowId}, comment included (for the message text): for a row whose event is not at
     * hand (department staff told of a call); the write path hands its events over and never reads them back.
     */
    public Uni<IncidentEvent> load(SqlClient db, long flowId) {
        return incidents.flowEvent(db, flowId).map(e -> IncidentEvent.of(e).withComment(e.entry().comment()));
    }

    /** Publishes {@code event} to every replica when the transaction commits (NOTIFY is held until then). */
    public Uni<Void> notifyReplicas(SqlClient tx, IncidentEvent event) {
        return notifyReplicas(tx, List.of(event));
    }

    /**
     * Publishes {@code batch} to every replica, in this order (unnest keeps the array's order), in one statement:
     * inside a transaction at its commit, or on its own after the transactions that made the events committed
     * ({@link CommittedEvents}).
     */
    public Uni<Void> notifyReplicas(SqlClient db, List<IncidentEvent> batch) {
        String[] payloads = batch.stream().map(e -> e.toWire().encode()).toArray(String[]::new);
        return db.preparedQuery("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
                .execute(Tuple.of(CHANNEL, payloads)).replaceWithVoid();
    }

    /**
     * Events after {@code afterId} that {@code viewer} may see, oldest first, at most {@code limit}: what a
     * reconnecting client missed, by the rule {@link FeedViewer#sees} applies live. The last {@code overlap} ids
     * up to {@code afterId} are included too: one of them may have committed after {@code afterId}. Ids of one
     * incident follow its commits (its changes are serialised), so applied in order the replay leaves every
     * incident in its latest state.
     */
    public Uni<List<IncidentEvent>> since(SqlClient db, long afterId, int overlap, FeedViewer viewer, int limit) {
        return incidents.flowEventsSince(db, afterId - overlap, viewer.visibility(), limit)
                .map(events -> events.stream().map(IncidentEvent::of).toList());
    }

    /** The ids of the events after {@code afterId}, ascending, at most {@code limit}: what a sweep compares. */
    public Uni<List<Long>> idsSince(SqlClient db, long afterId, int limit) {
        return incidents.flowIdsSince(db, afterId, limit);
    }

    /** The highest event id there is (0 for none). */
    public Uni<Long> lastId(SqlClient db) {
        return incidents.lastFlowId(db);
    }

    /** The events {@code ids}, oldest first. */
    public Uni<List<IncidentEvent>> of(SqlClient db, List<Long> ids) {
        return incidents.flowEventsOf(db, ids).map(events -> events.stream().map(IncidentEvent::of).toList());
    }

    /**
     * Every event after {@code afterId}, and the {@code overlap} ids before it: a replica catching up after its
     * LISTEN connection was lost (it drops those it has already passed on).
     */
    public Uni<List<IncidentEvent>> allSince(SqlClient db, long afterId, int overlap, int limit) {
        return incidents.flowEventsSince(db, afterId - overlap, limit)
                .map(events -> events.stream().map(IncidentEvent::of).toList());
    }
}
