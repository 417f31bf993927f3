package cn.gridgov.incident;

import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Incident rows and their flow: native SQL on the reactive client, inside the caller's transaction. */
@ApplicationScoped
public class IncidentRepository {

    static final String SELECT = """
            SELECT i.id, i.category_id, c.code AS category_code, c.name AS category_name, i.source, i.status,
                   i.suspended_from, i.description, ST_X(i.position) AS lng, ST_Y(i.position) AS lat,
                   i.region_id, ltree2text(i.region_path) AS region_path, i.town_id, i.community_id, i.compound_id,
                   i.building_id, i.owner_region_id, ltree2text(i.owner_path) AS owner_path, i.assignee_id,
                   i.reporter_id, i.self_resolved, i.occurred_at, i.reported_at, i.deadline_at, i.suspended_at,
                   i.closed_at, i.rating, i.rating_comment, i.rated_at, i.version, i.updated_at, i.is_public,
                   i.anonymous
            FROM incident i JOIN incident_category c ON c.id = i.category_id
            """;

    /** A new incident's row, with the id taken for it beforehand ({@link #newIds}). */
    public record NewIncident(long id, long categoryId, IncidentSource source, IncidentStatus status, String description,
                              double lng, double lat, long regionId, String regionPath, Long townId, Long communityId,
                              Long compoundId, Long buildingId, long ownerRegionId, String ownerPath, Long assigneeId,
                              long reporterId, boolean selfResolved, Instant occurredAt, Instant reportedAt,
                              Instant deadlineAt, Instant closedAt, boolean isPublic, boolean anonymous) {
    }

    /** The ids of a new incident and of its first {@code flowRows} flow rows, taken from their sequences. */
    public record NewIds(long incidentId, List<Long> flowIds) {
    }

    /**
     * Takes the ids a report will write beforehand, so that every statement writing it can be sent at once
     * (pipelined) instead of each waiting for the id the one before returned, and the idempotency key can record
     * the incident's id at its claim. Sequences are outside transactions: drawn before one starts, or on {@code db}
     * at the same time as other work; ids still grow with time, and a report that is refused leaves a gap.
     */
    public Uni<NewIds> newIds(SqlClient db, int flowRows) {
        return db.preparedQuery("""
                        SELECT nextval('incident_id_seq') AS incident_id,
                               ARRAY(SELECT nextval('incident_flow_id_seq') FROM generate_series(1, $1)) AS flow_ids""")
                .execute(Tuple.of(flowRows))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    List<Long> flowIds = new ArrayList<>(List.of(r.getArrayOfLongs("flow_ids")));
                    flowIds.sort(null);
                    return new NewIds(r.getLong("incident_id"), List.copyOf(flowIds));
                });
    }

    public Uni<Void> insert(SqlClient tx, NewIncident n) {
        return tx.preparedQuery("""
                        INSERT INTO incident (id, category_id, source, status, description, position, region_id,
                            region_path, town_id, community_id, compound_id, building_id, owner_region_id, owner_path,
                            assignee_id, reporter_id, self_resolved, occurred_at, reported_at, deadline_at, closed_at,
                            updated_at, is_public, anonymous)
                        VALUES ($24, $1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, text2ltree($8), $9,
                            $10, $11, $12, $13, text2ltree($14), $15, $16, $17, $18, $19, $20, $21, $19, $22, $23)""")
                .execute(Tuple.from(Arrays.asList(n.categoryId(), n.source().name(), n.status().name(), n.description(),
                        n.lng(), n.lat(), n.regionId(), n.regionPath(), n.townId(), n.communityId(), n.compoundId(),
                        n.buildingId(), n.ownerRegionId(), n.ownerPath(), n.assigneeId(), n.reporterId(),
                        n.selfResolved(), odt(n.occurredAt()), odt(n.reportedAt()), odt(n.deadlineAt()),
                        odt(n.closedAt()), n.isPublic(), n.anonymous(), n.id())))
                .replaceWithVoid();
    }

    /**
     * The row {@code n} as it reads back once inserted ({@link #SELECT}, version 0), in the category
     * {@code categoryCode}/{@code categoryName}: what a report answers without reading it again.
     */
    static Incident asStored(NewIncident n, String categoryCode, String categoryName) {
        return new Incident(n.id(), n.categoryId(), categoryCode, categoryName, n.source(), n.status(), null,
                n.description(), n.lng(), n.lat(), n.regionId(), n.regionPath(), n.townId(), n.communityId(),
                n.compoundId(), n.buildingId(), n.ownerRegionId(), n.ownerPath(), n.assigneeId(), n.reporterId(),
                n.selfResolved(), stored(n.occurredAt()), stored(n.reportedAt()), stored(n.deadlineAt()), null,
                stored(n.closedAt()), null, null, null, 0, stored(n.reportedAt()), n.isPublic(), n.anonymous());
    }

    /**
     * An instant as a {@code timestamptz} column holds it: to the microsecond, the rest dropped (as the client's
     * codec sends it).
     */
    static Instant stored(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    /** The incident if the viewer may see it, else null. */
    public Uni<Incident> find(SqlClient db, long id, Visibility viewer) {
        return db.preparedQuery(SELECT + " WHERE i.id = $1 AND " + Visibility.sql(2))
                .execute(Tuple.of(id, viewer.userId(), viewer.scopePath()))
                .map(rows -> rows.size() == 0 ? null : toIncident(rows.iterator().next()));
    }

    /**
     * Writes a changed incident if nobody changed it since it was read ({@code version} still the one read):
     * two concurrent dispatchers cannot both win. Answers whether the row was written.
     */
    public Uni<Boolean> update(SqlClient tx, Incident after, int readVersion) {
        return tx.preparedQuery("""
                        UPDATE incident SET status = $3, suspended_from = $4, owner_region_id = $5,
                            owner_path = text2ltree($6), assignee_id = $7, deadline_at = $8, suspended_at = $9,
                            closed_at = $10, rating = $11, rating_comment = $12, rated_at = $13, version = version + 1,
                            updated_at = $14
                        WHERE id = $1 AND version = $2""")
                .execute(Tuple.from(Arrays.asList(after.id(), readVersion, after.status().name(),
                        after.suspendedFrom() == null ? null : after.suspendedFrom().name(), after.ownerRegionId(),
                        after.ownerPath(), after.assigneeId(), odt(after.deadlineAt()), odt(after.suspendedAt()),
                        odt(after.closedAt()), after.rating() == null ? null : after.rating().shortValue(),
                        after.ratingComment(), odt(after.ratedAt()), odt(after.updatedAt()))))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Appends a flow row and answers its id (ids grow with every row: the realtime feed's event ids): the entry's
     * own when it has one (taken with {@link #newIds}), else the next of the sequence.
     */
    /** An incident's status and assignee, read under a lock on its row until the transaction ends (null: no row). */
    public record Current(IncidentStatus status, Long assigneeId) {
    }

    /** Locks incident {@code id}'s row (FOR NO KEY UPDATE) and answers its status and assignee; null if none. */
    public Uni<Current> lockCurrent(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT status, assignee_id FROM incident WHERE id = $1 FOR NO KEY UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Current(IncidentStatus.valueOf(r.getString("status")), r.getLong("assignee_id"));
                });
    }

    public Uni<Long> appendFlow(SqlClient tx, FlowEntry e) {
        return tx.preparedQuery("""
                        INSERT INTO incident_flow (id, incident_id, action, from_status, to_status, actor_id, actor_role,
                            comment, media_ids, assignee_id, owner_region_id, at)
                        VALUES (coalesce($12, nextval(pg_get_serial_sequence('incident_flow', 'id'))), $1, $2, $3, $4,
                            $5, $6, $7, $8, $9, $10, $11)
                        RETURNING id""")
                .execute(Tuple.from(Arrays.asList(e.incidentId(), e.action().name(),
                        e.from() == null ? null : e.from().name(), e.to().name(), e.actorId(), e.actorRole(),
                        e.comment(), e.mediaIds().toArray(UUID[]::new), e.assigneeId(), e.ownerRegionId(), odt(e.at()),
                        e.id())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** {@code e} as it reads back once appended (its {@code at} to the microsecond). */
    static FlowEntry asStored(FlowEntry e) {
        return new FlowEntry(e.id(), e.incidentId(), e.action(), e.from(), e.to(), e.actorId(), e.actorRole(),
                e.comment(), List.copyOf(e.mediaIds()), e.assigneeId(), e.ownerRegionId(), stored(e.at()));
    }

    public Uni<List<FlowEntry>> flow(SqlClient db, long incidentId) {
        return db.preparedQuery("SELECT * FROM incident_flow WHERE incident_id = $1 ORDER BY id")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    List<FlowEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toFlowEntry(r)));
                    return out;
                });
    }

    /**
     * After an import moved nodes (their former paths {@code movedFrom}), the incidents located below them take
     * their node's new path, the chain ids read from it, and as owner the node of the new chain at the owner's
     * level: a node that is no longer above the incident cannot keep it. The version moves, so a change prepared
     * against the old scope gets 409. Answers the ids of the incidents that moved.
     */
    public Uni<List<Long>> followRegionMoves(SqlClient tx, List<String> movedFrom) {
        return tx.preparedQuery("""
                        UPDATE incident i SET region_path = r.path, town_id = %s, community_id = %s, compound_id = %s,
                            building_id = %s,
                            owner_path = subpath(r.path, 0, least(nlevel(i.owner_path), nlevel(r.path))),
                            owner_region_id = ltree2text(subpath(r.path, least(nlevel(i.owner_path), nlevel(r.path)) - 1,
                                1))::bigint,
                            version = i.version + 1, updated_at = now()
                        FROM (SELECT DISTINCT m.id, n.path FROM unnest($1::text[]) AS old(path)
                              JOIN incident m ON m.region_path <@ text2ltree(old.path) %s) r
                        WHERE i.id = r.id AND i.region_path <> r.path
                        RETURNING i.id""".formatted(idAt(RegionLevel.TOWN), idAt(RegionLevel.COMMUNITY),
                        idAt(RegionLevel.COMPOUND), idAt(RegionLevel.BUILDING), RegionSql.joinNode("n", "m.region_id")))
                .execute(Tuple.of(movedFrom.toArray(String[]::new)))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong("id")));
                    return ids;
                });
    }

    /** SQL: the id at {@code level} in the new path {@code r.path} (a node's depth is its level's), or null. */
    private static String idAt(RegionLevel level) {
        int depth = level.depth();
        return "CASE WHEN nlevel(r.path) >= " + depth + " THEN ltree2text(subpath(r.path, " + (depth - 1)
                + ", 1))::bigint END";
    }

    /** A flow row with the facts of its incident that others filter and word it by (the realtime feed, the outbox). */
    public record FlowEvent(FlowEntry entry, long reporterId, String regionPath, String categoryName,
                            List<Long> departmentIds) {
    }

    private static final String FLOW_EVENT = """
            SELECT f.*, i.reporter_id, ltree2text(i.region_path) AS region_path, c.name AS category_name,
                   ARRAY(SELECT dc.department_id FROM department_call dc WHERE dc.incident_id = i.id) AS department_ids
            FROM incident_flow f JOIN incident i ON i.id = f.incident_id
                 JOIN incident_category c ON c.id = i.category_id
            """;

    /** The flow row {@code flowId} as an event (inside the transaction that wrote it). */
    public Uni<FlowEvent> flowEvent(SqlClient db, long flowId) {
        return db.preparedQuery(FLOW_EVENT + " WHERE f.id = $1").execute(Tuple.of(flowId))
                .map(rows -> toFlowEvent(rows.iterator().next()));
    }

    /**
     * Flow rows after {@code afterId} that {@code viewer} may see, oldest first, at most {@code limit}: by
     * {@link Visibility}, with the assignee the row names (as the live feed filters the row's event).
     */
    public Uni<List<FlowEvent>> flowEventsSince(SqlClient db, long afterId, Visibility viewer, int limit) {
        return db.preparedQuery(FLOW_EVENT + " WHERE f.id > $1 AND "
                        + Visibility.sql("i.id", "i.reporter_id", "f.assignee_id", "i.region_path", 2)
                        + " ORDER BY f.id LIMIT $4")
                .execute(Tuple.from(Arrays.asList(afterId, viewer.userId(), viewer.scopePath(), limit)))
                .map(IncidentRepository::flowEvents);
    }

    /** Every flow row after {@code afterId}, oldest first, at most {@code limit}. */
    public Uni<List<FlowEvent>> flowEventsSince(SqlClient db, long afterId, int limit) {
        return db.preparedQuery(FLOW_EVENT + " WHERE f.id > $1 ORDER BY f.id LIMIT $2")
                .execute(Tuple.of(afterId, limit))
                .map(IncidentRepository::flowEvents);
    }

    /** The ids of the flow rows after {@code afterId}, ascending, at most {@code limit} (from the primary key). */
    public Uni<List<Long>> flowIdsSince(SqlClient db, long afterId, int limit) {
        return db.preparedQuery("SELECT id FROM incident_flow WHERE id > $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(afterId, limit))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong("id")));
                    return ids;
                });
    }

    /** The highest flow row id (0 for none). */
    public Uni<Long> lastFlowId(SqlClient db) {
        return db.query("SELECT coalesce(max(id), 0) AS id FROM incident_flow").execute()
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The flow rows {@code ids} as events, oldest first. */
    public Uni<List<FlowEvent>> flowEventsOf(SqlClient db, List<Long> ids) {
        return db.preparedQuery(FLOW_EVENT + " WHERE f.id = ANY($1) ORDER BY f.id")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(IncidentRepository::flowEvents);
    }

    private static List<FlowEvent> flowEvents(RowSet<Row> rows) {
        List<FlowEvent> out = new ArrayList<>();
        rows.forEach(r -> out.add(toFlowEvent(r)));
        return out;
    }

    private static FlowEvent toFlowEvent(Row r) {
        return new FlowEvent(toFlowEntry(r), r.getLong("reporter_id"), r.getString("region_path"),
                r.getString("category_name"), List.of(r.getArrayOfLongs("department_ids")));
    }

    private static FlowEntry toFlowEntry(Row r) {
        String from = r.getString("from_status");
        UUID[] media = r.getArrayOfUUIDs("media_ids");
        return new FlowEntry(r.getLong("id"), r.getLong("incident_id"), IncidentAction.valueOf(r.getString("action")),
                from == null ? null : IncidentStatus.valueOf(from), IncidentStatus.valueOf(r.getString("to_status")),
                r.getLong("actor_id"), r.getString("actor_role"), r.getString("comment"),
                media == null ? List.of() : List.of(media), r.getLong("assignee_id"), r.getLong("owner_region_id"),
                instant(r, "at"));
    }

    static Incident toIncident(Row r) {
        String suspendedFrom = r.getString("suspended_from");
        Short rating = r.getShort("rating");
        return new Incident(r.getLong("id"), r.getLong("category_id"), r.getString("category_code"),
                r.getString("category_name"), IncidentSource.valueOf(r.getString("source")),
                IncidentStatus.valueOf(r.getString("status")),
                suspendedFrom == null ? null : IncidentStatus.valueOf(suspendedFrom), r.getString("description"),
                r.getDouble("lng"), r.getDouble("lat"), r.getLong("region_id"), r.getString("region_path"),
                r.getLong("town_id"), r.getLong("community_id"), r.getLong("compound_id"), r.getLong("building_id"),
                r.getLong("owner_region_id"), r.getString("owner_path"), r.getLong("assignee_id"),
                r.getLong("reporter_id"), r.getBoolean("self_resolved"), instant(r, "occurred_at"),
                instant(r, "reported_at"), instant(r, "deadline_at"), instant(r, "suspended_at"),
                instant(r, "closed_at"), rating == null ? null : rating.intValue(), r.getString("rating_comment"),
                instant(r, "rated_at"), r.getInteger("version"), instant(r, "updated_at"), r.getBoolean("is_public"),
                r.getBoolean("anonymous"));
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
