package cn.gridgov.resident;

import cn.gridgov.incident.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Revisit tasks: native SQL inside the caller's transaction; staff reach them by the incident's path in scope. */
@ApplicationScoped
public class RevisitRepository {

    private static final String SELECT = """
            SELECT v.id, v.incident_id, c.name AS category_name, v.community_id, ltree2text(v.region_path) AS region_path,
                   v.rating, i.rating_comment, v.due_at, v.status, v.outcome, v.note, v.reopened, v.recorded_by,
                   v.recorded_at, v.created_at, v.version
            FROM incident_revisit v JOIN incident i ON i.id = v.incident_id
                 JOIN incident_category c ON c.id = i.category_id
            """;

    /** Opens the incident's revisit when its rating is {@code atOrBelow} stars or fewer; never a second one. */
    public Uni<Void> openIfRatedLow(SqlClient tx, long incidentId, int atOrBelow, Instant dueAt, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO incident_revisit (incident_id, community_id, region_path, rating, due_at, created_at)
                        SELECT id, community_id, region_path, rating, $2, $3 FROM incident
                        WHERE id = $1 AND rating <= $4
                        ON CONFLICT (incident_id) DO NOTHING""")
                .execute(Tuple.of(incidentId, odt(dueAt), odt(now), atOrBelow)).replaceWithVoid();
    }

    /** Revisits under {@code scopePath}, optionally of one status, newest first, after {@code afterId}. */
    public Uni<List<Revisit>> page(SqlClient db, String scopePath, Revisit.Status status, Long afterId, int limit) {
        return db.preparedQuery(SELECT + " WHERE v.region_path <@ text2ltree($1) AND ($2::text IS NULL OR v.status = $2)"
                        + " AND ($3::bigint IS NULL OR v.id < $3) ORDER BY v.id DESC LIMIT $4")
                .execute(Tuple.from(Arrays.asList(scopePath, status == null ? null : status.name(), afterId, limit)))
                .map(rows -> {
                    List<Revisit> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toRevisit(r)));
                    return out;
                });
    }

    /** The revisit under {@code scopePath}, locked for the change, or null. */
    public Uni<Revisit> findForUpdate(SqlClient tx, long id, String scopePath) {
        return tx.preparedQuery(SELECT + " WHERE v.id = $1 AND v.region_path <@ text2ltree($2) FOR UPDATE OF v")
                .execute(Tuple.of(id, scopePath))
                .map(rows -> rows.size() == 0 ? null : toRevisit(rows.iterator().next()));
    }

    /** The incident's revisit if {@code viewer} may see the incident, or null. */
    public Uni<Revisit> ofIncident(SqlClient db, long incidentId, Visibility viewer) {
        return db.preparedQuery(SELECT + " WHERE v.incident_id = $1 AND " + Visibility.sql(2))
                .execute(Tuple.from(Arrays.asList(incidentId, viewer.userId(), viewer.scopePath())))
                .map(rows -> rows.size() == 0 ? null : toRevisit(rows.iterator().next()));
    }

    /** Records the revisit's outcome. */
    public Uni<Void> record(SqlClient tx, long id, Revisit.Outcome outcome, String note, boolean reopened, long by,
                            Instant at) {
        return tx.preparedQuery("""
                        UPDATE incident_revisit SET status = 'DONE', outcome = $2, note = $3, reopened = $4,
                            recorded_by = $5, recorded_at = $6, version = version + 1
                        WHERE id = $1""")
                .execute(Tuple.from(Arrays.asList(id, outcome.name(), note, reopened, by, odt(at))))
                .replaceWithVoid();
    }

    private static Revisit toRevisit(Row r) {
        String outcome = r.getString("outcome");
        return new Revisit(r.getLong("id"), r.getLong("incident_id"), r.getString("category_name"),
                r.getLong("community_id"), r.getString("region_path"), r.getShort("rating"),
                r.getString("rating_comment"), instant(r, "due_at"), Revisit.Status.valueOf(r.getString("status")),
                outcome == null ? null : Revisit.Outcome.valueOf(outcome), r.getString("note"),
                r.getBoolean("reopened"), r.getLong("recorded_by"), instant(r, "recorded_at"),
                instant(r, "created_at"), r.getInteger("version"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
