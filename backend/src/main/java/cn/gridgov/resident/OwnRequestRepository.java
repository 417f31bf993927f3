package cn.gridgov.resident;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A reporter's own incidents and their flow, by reporter id only (nobody else's row can come back). */
@ApplicationScoped
public class OwnRequestRepository {

    /** One own request as stored, with the name of the node whose organisation handles it. */
    public record Stored(long id, String categoryCode, String categoryName, IncidentStatus status, String description,
                       boolean isPublic, boolean anonymous, Instant reportedAt, Instant deadlineAt, Instant closedAt,
                       Integer rating, String ratingComment, Instant ratedAt, String ownerName) {
    }

    private static final String SELECT = """
            SELECT i.id, c.code AS category_code, c.name AS category_name, i.status, i.description, i.is_public,
                   i.anonymous, i.reported_at, i.deadline_at, i.closed_at, i.rating, i.rating_comment, i.rated_at,
                   o.name AS owner_name
            FROM incident i JOIN incident_category c ON c.id = i.category_id
                 JOIN region o ON o.id = i.owner_region_id
            WHERE i.reporter_id = $1
            """;

    /** The reporter's requests, newest first, after {@code afterId} (null: from the newest), at most {@code limit}. */
    public Uni<List<Stored>> page(SqlClient db, long reporterId, Long afterId, int limit) {
        return db.preparedQuery(SELECT + " AND ($2::bigint IS NULL OR i.id < $2) ORDER BY i.id DESC LIMIT $3")
                .execute(Tuple.from(Arrays.asList(reporterId, afterId, limit)))
                .map(rows -> {
                    List<Stored> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toRow(r)));
                    return out;
                });
    }

    /** The reporter's request {@code id}, or null when there is none of theirs. */
    public Uni<Stored> find(SqlClient db, long reporterId, long id) {
        return db.preparedQuery(SELECT + " AND i.id = $2").execute(Tuple.of(reporterId, id))
                .map(rows -> rows.size() == 0 ? null : toRow(rows.iterator().next()));
    }

    /** The flow of each of the incidents, oldest first. */
    public Uni<Map<Long, List<OwnRequestView.Step>>> flows(SqlClient db, List<Long> incidentIds) {
        return db.preparedQuery("""
                        SELECT incident_id, action, from_status, to_status, actor_role, comment, media_ids, at
                        FROM incident_flow WHERE incident_id = ANY($1) ORDER BY id""")
                .execute(Tuple.of(incidentIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<OwnRequestView.Step>> out = new LinkedHashMap<>();
                    incidentIds.forEach(id -> out.put(id, new ArrayList<>()));
                    rows.forEach(r -> {
                        String from = r.getString("from_status");
                        UUID[] media = r.getArrayOfUUIDs("media_ids");
                        out.get(r.getLong("incident_id")).add(new OwnRequestView.Step(
                                IncidentAction.valueOf(r.getString("action")),
                                from == null ? null : IncidentStatus.valueOf(from),
                                IncidentStatus.valueOf(r.getString("to_status")), r.getString("actor_role"),
                                r.getString("comment"), media == null ? List.of() : List.of(media),
                                ApiTime.of(instant(r, "at"))));
                    });
                    return out;
                });
    }

    private static Stored toRow(Row r) {
        Short rating = r.getShort("rating");
        return new Stored(r.getLong("id"), r.getString("category_code"), r.getString("category_name"),
                IncidentStatus.valueOf(r.getString("status")), r.getString("description"), r.getBoolean("is_public"),
                r.getBoolean("anonymous"), instant(r, "reported_at"), instant(r, "deadline_at"),
                instant(r, "closed_at"), rating == null ? null : rating.intValue(), r.getString("rating_comment"),
                instant(r, "rated_at"), r.getString("owner_name"));
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
