package cn.gridgov.incident.supervision;

import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.deadline.DeadlineUnit;
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

/** The incidents supervision may act on, the claim on them, and their supervision state. */
@ApplicationScoped
public class SupervisionRepository {

    private static final String SELECT = """
            SELECT i.id, i.status, i.reported_at, i.deadline_at, i.owner_region_id, ltree2text(i.owner_path) AS owner_path,
                   i.assignee_id, c.deadline_amount, c.deadline_unit, s.warned_at, s.overdue_at,
                   COALESCE(s.level, 0) AS level, ltree2text(s.supervisor_path) AS supervisor_path, s.escalated_at
            FROM incident i JOIN incident_category c ON c.id = i.category_id
                 LEFT JOIN incident_supervision s ON s.incident_id = i.id
            """ + " WHERE i.status IN " + IncidentStatus.sql(IncidentStatus.CLOCK_RUNNING) + "\n";

    /**
     * Open incidents with something possibly left to do: not yet yellow, or overdue and not yet red or not
     * yet pressed on from the root. Read without locks; {@link #claim} decides who acts.
     */
    public Uni<List<SupervisionCandidate>> candidates(SqlClient db, Instant now, int limit) {
        return db.preparedQuery(SELECT + """
                          AND (s.warned_at IS NULL OR (i.deadline_at <= $1 AND (s.overdue_at IS NULL
                               OR LEAST(nlevel(i.owner_path), nlevel(COALESCE(s.supervisor_path, i.owner_path))) > 1)))
                        ORDER BY i.deadline_at LIMIT $2""")
                .execute(Tuple.of(odt(now), limit)).map(SupervisionRepository::candidates);
    }

    /**
     * Locks those of {@code ids} no other replica holds (skipping the rest) and reads them again, in a statement
     * of its own so it sees whatever the previous holder committed.
     */
    public Uni<List<SupervisionCandidate>> claim(SqlClient tx, List<Long> ids) {
        return tx.preparedQuery("SELECT id FROM incident WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .chain(rows -> {
                    List<Long> locked = new ArrayList<>();
                    rows.forEach(r -> locked.add(r.getLong("id")));
                    if (locked.isEmpty()) {
                        return Uni.createFrom().item(List.<SupervisionCandidate>of());
                    }
                    return tx.preparedQuery(SELECT + " AND i.id = ANY($1) ORDER BY i.id")
                            .execute(Tuple.of(locked.toArray(Long[]::new))).map(SupervisionRepository::candidates);
                });
    }

    /** Writes the incident's supervision state after this run's steps. */
    public Uni<Void> save(SqlClient tx, long incidentId, Instant warnedAt, Instant overdueAt, int level,
                          String supervisorPath, Instant escalatedAt) {
        return tx.preparedQuery("""
                        INSERT INTO incident_supervision (incident_id, warned_at, overdue_at, level, supervisor_path, escalated_at)
                        VALUES ($1, $2, $3, $4, text2ltree($5), $6)
                        ON CONFLICT (incident_id) DO UPDATE SET warned_at = EXCLUDED.warned_at,
                            overdue_at = EXCLUDED.overdue_at, level = EXCLUDED.level,
                            supervisor_path = EXCLUDED.supervisor_path, escalated_at = EXCLUDED.escalated_at""")
                .execute(Tuple.from(Arrays.asList(incidentId, odt(warnedAt), odt(overdueAt), level, supervisorPath,
                        odt(escalatedAt))))
                .replaceWithVoid();
    }

    /**
     * After incidents {@code incidentIds} moved to another part of the tree: the node that has pressed on each is
     * the one at the same level of its new chain (the supervision reached that level; it goes on from there).
     */
    public Uni<Void> followMovedIncidents(SqlClient tx, List<Long> incidentIds) {
        return tx.preparedQuery("""
                        UPDATE incident_supervision s
                        SET supervisor_path = subpath(i.region_path, 0, least(nlevel(s.supervisor_path), nlevel(i.region_path)))
                        FROM incident i
                        WHERE i.id = s.incident_id AND s.incident_id = ANY($1) AND s.supervisor_path IS NOT NULL""")
                .execute(Tuple.of(incidentIds.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static List<SupervisionCandidate> candidates(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<SupervisionCandidate> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new SupervisionCandidate(r.getLong("id"), IncidentStatus.valueOf(r.getString("status")),
                    instant(r, "reported_at"), instant(r, "deadline_at"), r.getLong("owner_region_id"),
                    r.getString("owner_path"), r.getLong("assignee_id"), r.getInteger("deadline_amount"),
                    DeadlineUnit.valueOf(r.getString("deadline_unit")), instant(r, "warned_at"),
                    instant(r, "overdue_at"), r.getInteger("level"), r.getString("supervisor_path"),
                    instant(r, "escalated_at")));
        }
        return out;
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
