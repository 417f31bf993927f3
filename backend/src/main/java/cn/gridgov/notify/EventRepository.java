package cn.gridgov.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Flow rows read as realtime events: one by id (inside the writing transaction), or the ones after an id. */
@ApplicationScoped
public class EventRepository {

    /** The channel every replica LISTENs on; the payload is the event as JSON. */
    public static final String CHANNEL = "incident_events";

    /** The event of flow row {@code flowId}, comment included (for the message text). */
    public Uni<IncidentEvent> load(SqlClient db, long flowId) {
        return db.preparedQuery(IncidentEvent.SELECT + " WHERE f.id = $1").execute(Tuple.of(flowId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return IncidentEvent.of(r).withComment(r.getString("comment"));
                });
    }

    /** Publishes {@code event} to every replica when the transaction commits (NOTIFY is held until then). */
    public Uni<Void> notifyReplicas(SqlClient tx, IncidentEvent event) {
        return tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, event.toWire().encode()))
                .replaceWithVoid();
    }

    /**
     * Events after {@code afterId} that {@code viewer} may see, oldest first, at most {@code limit}: what a
     * reconnecting client missed. The same rule as {@link FeedViewer#sees}. The last {@code overlap} ids up to
     * {@code afterId} are included too: one of them may have committed after {@code afterId}. Ids of one
     * incident follow its commits (its changes are serialised), so applied in order the replay leaves every
     * incident in its latest state.
     */
    public Uni<List<IncidentEvent>> since(SqlClient db, long afterId, int overlap, FeedViewer viewer, int limit) {
        return db.preparedQuery(IncidentEvent.SELECT + """
                         WHERE f.id > $1 AND (i.reporter_id = $2 OR f.assignee_id = $2
                            OR ($3::text IS NOT NULL AND i.region_path <@ text2ltree($3::text)))
                        ORDER BY f.id LIMIT $4""")
                .execute(Tuple.from(Arrays.asList(afterId - overlap, viewer.userId(), viewer.scopePath(), limit)))
                .map(EventRepository::events);
    }

    /**
     * Every event after {@code afterId}, and the {@code overlap} ids before it: a replica catching up after its
     * LISTEN connection was lost (it drops those it has already passed on).
     */
    public Uni<List<IncidentEvent>> allSince(SqlClient db, long afterId, int overlap, int limit) {
        return db.preparedQuery(IncidentEvent.SELECT + " WHERE f.id > $1 ORDER BY f.id LIMIT $2")
                .execute(Tuple.of(afterId - overlap, limit))
                .map(EventRepository::events);
    }

    private static List<IncidentEvent> events(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<IncidentEvent> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(IncidentEvent.of(r));
        }
        return out;
    }
}
