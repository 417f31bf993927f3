package cn.gridgov.people.visit;

import cn.gridgov.media.MediaRepository;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Key-group rules, due state and visits: named SQL on the reactive client (the people tables are never mapped as
 * entities). The due rule itself lives in the database (key_group_due, key_group_refresh): this class only asks it.
 * Reads take the caller's scope (ltree text): rows outside it look absent.
 */
@ApplicationScoped
public class VisitRepository {

    /** A visit as stored (position WGS-84). */
    record VisitRow(long id, long householdId, long buildingId, String buildingPath, long visitorId, Instant visitedAt,
                    VisitMode mode, String situation, String followUp, Double lng, Double lat, Double distanceMetres,
                    boolean far, List<UUID> mediaIds, Long incidentId, Instant createdAt) {
    }

    /** A household's due state, with where it lives. */
    record DueRow(long householdId, long buildingId, String buildingName, String unitName, String roomNumber,
                  String label, List<String> kinds, int intervalDays, Instant lastVisitAt, Instant nextDueAt,
                  Instant warnedAt, Instant overdueAt, int level) {
    }

    /** A rule row of a county (custom null: the default applies). */
    record RuleRow(String kind, int defaultDays, Integer customDays) {
    }

    private static final String VISIT = """
            SELECT v.id, v.household_id, v.building_id, ltree2text(b.path) AS building_path, v.visitor_id, v.visited_at,
                   v.mode, v.situation, v.follow_up, ST_X(v.position) AS lng, ST_Y(v.position) AS lat,
                   v.distance_metres, v.far_from_building, v.incident_id, v.created_at,
                   ARRAY(SELECT m.media_id FROM key_group_visit_media m WHERE m.visit_id = v.id ORDER BY m.media_id)
                       AS media_ids
            FROM key_group_visit v""" + RegionSql.joinNode("b", "v.building_id");

    private static final String DUE = """
            SELECT k.household_id, k.building_id, b.name AS building_name, u.name AS unit_name, r.number AS room_number,
                   h.label, k.kinds, k.interval_days, k.last_visit_at, k.next_due_at, k.warned_at, k.overdue_at, k.level
            FROM key_group_household k""" + RegionSql.joinNode("b", "k.building_id") + """
             JOIN household h ON h.id = k.household_id JOIN room r ON r.id = h.room_id
             LEFT JOIN house_unit u ON u.id = r.unit_id
            """;

    /** The page's conditions on a household k: after the cursor's household ($2), due by $3 (each optional). */
    private static final String PAGE_CONDITIONS = """
            ($2::bigint IS NULL OR (k.next_due_at, k.household_id)
                 > (SELECT a.next_due_at, a.household_id FROM key_group_household a WHERE a.household_id = $2))
             AND ($3::timestamptz IS NULL OR k.next_due_at <= $3)""";

    /**
     * One page of a due list in a small scope (a community or below: $1 scope, $2 the household after which the page
     * starts, $3 due by, $4 limit): the buildings in scope first (region path GiST), each building's first rows by
     * due time (key_group_household_building_due_idx), the page of those, and only then where each household lives.
     * Public so the benchmark (bench/visits) runs exactly this statement.
     */
    public static final String DUE_PAGE = """
            WITH b AS MATERIALIZED (SELECT b.id, b.name FROM region b""" + " WHERE " + RegionSql.within("b", "$1")
            + " AND b.level = '" + RegionLevel.BUILDING.name() + "')," + """
            page AS (SELECT k.*, b.name AS building_name
                     FROM b CROSS JOIN LATERAL (SELECT * FROM key_group_household k WHERE k.building_id = b.id AND
            """ + PAGE_CONDITIONS + """
                          ORDER BY k.next_due_at, k.household_id LIMIT $4) k
                     ORDER BY k.next_due_at, k.household_id LIMIT $4)
            SELECT k.household_id, k.building_id, k.building_name, u.name AS unit_name, r.number AS room_number,
                   h.label, k.kinds, k.interval_days, k.last_visit_at, k.next_due_at, k.warned_at, k.overdue_at, k.level
            FROM page k JOIN household h ON h.id = k.household_id JOIN room r ON r.id = h.room_id
                 LEFT JOIN house_unit u ON u.id = r.unit_id
            ORDER BY k.next_due_at, k.household_id""";

    /**
     * The same page in a wide scope (a town or the county, thousands of buildings): the households by due time
     * (key_group_household_due_idx), kept when their building is in scope, until the page is full.
     */
    public static final String DUE_PAGE_WIDE = DUE + " WHERE " + RegionSql.within("b", "$1") + " AND "
            + PAGE_CONDITIONS + "\nORDER BY k.next_due_at, k.household_id LIMIT $4";

    /** Scopes this deep or deeper (the county is 1: communities, compounds, buildings) read by building first. */
    static final int SMALL_SCOPE_DEPTH = 3;

    /**
     * Households in a key group under {@code scope}, most overdue first (next due time, then id), after the household
     * {@code afterId} of the previous page; {@code dueBy} (optional): only those due by then.
     */
    public Uni<List<DueRow>> due(SqlClient db, String scope, Long afterId, Instant dueBy, int limit) {
        boolean small = scope.split("\\.").length >= SMALL_SCOPE_DEPTH;
        return db.preparedQuery(small ? DUE_PAGE : DUE_PAGE_WIDE)
                .execute(Tuple.of(scope, afterId, odt(dueBy), limit))
                .map(rows -> {
                    List<DueRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(dueRow(r)));
                    return out;
                });
    }

    /** The due state of household {@code householdId} if it is in a key group and under {@code scope}. */
    public Uni<Optional<DueRow>> dueOf(SqlClient db, long householdId, String scope) {
        return db.preparedQuery(DUE + " WHERE k.household_id = $1 AND " + RegionSql.within("b", "$2"))
                .execute(Tuple.of(householdId, scope))
                .map(rows -> first(rows).map(VisitRepository::dueRow));
    }

    /**
     * A new visit; its id. The distance to the building (footprint, else point) is measured here, on the sphere; a home
     * visit is far beyond {@code toleranceMetres} (one by phone or video is made from anywhere: never far).
     */
    public Uni<Long> insert(SqlClient tx, long householdId, long buildingId, long visitorId, Instant visitedAt,
                            VisitMode mode, String situation, String followUp, Double lng, Double lat,
                            double toleranceMetres, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO key_group_visit (household_id, building_id, visitor_id, visited_at, mode, situation,
                                                     follow_up, position, distance_metres, far_from_building, created_at)
                        SELECT $1, b.id, $3, $4, $5, $6, $7, p.pos,
                               round(ST_Distance(COALESCE(b.boundary, b.position)::geography, p.pos::geography)::numeric, 1),
                               COALESCE($5::varchar = 'HOME' AND ST_Distance(COALESCE(b.boundary, b.position)::geography,
                                                                    p.pos::geography) > $10, false),
                               $11
                        FROM region b
                             CROSS JOIN LATERAL (SELECT CASE WHEN $8::float8 IS NULL THEN NULL
                                                 ELSE ST_SetSRID(ST_MakePoint($8, $9), 4326) END AS pos) p
                        WHERE b.id = $2
                        RETURNING id""")
                .execute(Tuple.from(Arrays.asList(householdId, buildingId, visitorId, odt(visitedAt), mode.name(),
                        situation, followUp, lng, lat, toleranceMetres, odt(now))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The constraint that keeps a photo on one visit only. */
    static final String MEDIA_ONCE = "key_group_visit_media_media_id_key";

    /**
     * Links photos to the visit; how many were linked (the caller's own and unused: MediaRepository.unused, checked
     * after MediaRepository.lockForAttach). A photo that a concurrent visit took first (its insert committed while ours
     * waited on the unique index) counts as not linked: 0, and the caller refuses the visit, as when the photo was
     * taken before.
     */
    public Uni<Integer> attach(SqlClient tx, long visitId, List<UUID> mediaIds, long uploaderId) {
        return MediaRepository.lockForAttach(tx, mediaIds).chain(() -> tx.preparedQuery("""
                        INSERT INTO key_group_visit_media (visit_id, media_id)
                        SELECT $1, m.id FROM media m
                        WHERE m.id = ANY($2) AND m.uploader_id = $3 AND """ + MediaRepository.unused("m"))
                .execute(Tuple.of(visitId, mediaIds.toArray(UUID[]::new), uploaderId)))
                .map(RowSet::rowCount)
                .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        && MEDIA_ONCE.equals(pg.getConstraint()))
                .recoverWithItem(0);
    }

    /**
     * After a visit at {@code visitedAt}: the household's last visit and next due time (the database's due rule); a
     * new cycle starts with no supervision marks. Nothing when the household is in no key group.
     */
    public Uni<Void> visited(SqlClient tx, long householdId, Instant visitedAt) {
        return tx.preparedQuery("""
                        UPDATE key_group_household g SET last_visit_at = v.last,
                            next_due_at = key_group_due(g.since, v.last, g.interval_days),
                            warned_at = NULL, overdue_at = NULL, level = 0, supervisor_path = NULL, escalated_at = NULL
                        FROM (SELECT greatest(last_visit_at, $2) AS last FROM key_group_household WHERE household_id = $1) v
                        WHERE g.household_id = $1
                          AND key_group_due(g.since, v.last, g.interval_days) IS DISTINCT FROM g.next_due_at""")
                .execute(Tuple.of(householdId, odt(visitedAt)))
                .replaceWithVoid();
    }

    public Uni<Optional<VisitRow>> find(SqlClient db, long id, String scope) {
        return db.preparedQuery(VISIT + " WHERE v.id = $1 AND " + RegionSql.within("b", "$2"))
                .execute(Tuple.of(id, scope))
                .map(rows -> first(rows).map(VisitRepository::visitRow));
    }

    /** Visits of a household, newest first, after visit {@code afterId}. */
    public Uni<List<VisitRow>> ofHousehold(SqlClient db, long householdId, Long afterId, int limit) {
        return db.preparedQuery(VISIT + " WHERE v.household_id = $1 AND ($2::bigint IS NULL OR v.id < $2) "
                        + "ORDER BY v.id DESC LIMIT $3")
                .execute(Tuple.of(householdId, afterId, limit))
                .map(rows -> {
                    List<VisitRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(visitRow(r)));
                    return out;
                });
    }

    /** Links the incident a visit's follow-up became; false when another incident is linked already. */
    public Uni<Boolean> linkIncident(SqlClient db, long visitId, long incidentId) {
        return db.preparedQuery("UPDATE key_group_visit SET incident_id = $2 WHERE id = $1 "
                        + "AND (incident_id IS NULL OR incident_id = $2)")
                .execute(Tuple.of(visitId, incidentId)).map(rows -> rows.rowCount() == 1);
    }

    /** The rules of county {@code countyId}: every kind with its default and the county's own interval. */
    public Uni<List<RuleRow>> rules(SqlClient db, long countyId) {
        return db.preparedQuery("""
                        SELECT d.kind, d.interval_days AS default_days, c.interval_days AS custom_days
                        FROM key_group_rule d LEFT JOIN key_group_rule c ON c.county_id = $1 AND c.kind = d.kind
                        WHERE d.county_id = 0 ORDER BY d.kind""")
                .execute(Tuple.of(countyId))
                .map(rows -> {
                    List<RuleRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new RuleRow(r.getString("kind"), r.getInteger("default_days"),
                            r.getInteger("custom_days"))));
                    return out;
                });
    }

    /** Sets a county's interval of one kind. */
    public Uni<Void> setRule(SqlClient tx, long countyId, KeyGroupKind kind, int days, long userId, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO key_group_rule (county_id, kind, interval_days, updated_by, updated_at)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (county_id, kind) DO UPDATE SET interval_days = EXCLUDED.interval_days,
                            version = key_group_rule.version + 1, updated_by = EXCLUDED.updated_by,
                            updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(countyId, kind.name(), days, userId, odt(now)))
                .replaceWithVoid();
    }

    /**
     * After a county's rules changed: every household of the county with the kind gets its interval and due time
     * again (the database's rules); a household whose due time moves starts its cycle's supervision afresh.
     */
    public Uni<Integer> reapply(SqlClient tx, long countyId, KeyGroupKind kind) {
        return tx.preparedQuery("""
                        UPDATE key_group_household g SET interval_days = n.days,
                            next_due_at = key_group_due(g.since, g.last_visit_at, n.days),
                            warned_at = NULL, overdue_at = NULL, level = 0, supervisor_path = NULL, escalated_at = NULL
                        FROM (SELECT household_id, key_group_interval(county_id, kinds) AS days
                              FROM key_group_household WHERE county_id = $1 AND $2 = ANY (kinds)) n
                        WHERE g.household_id = n.household_id
                          AND key_group_due(g.since, g.last_visit_at, n.days) IS DISTINCT FROM g.next_due_at""")
                .execute(Tuple.of(countyId, kind.name()))
                .map(RowSet::rowCount);
    }

    private static VisitRow visitRow(Row r) {
        Object[] media = r.getArrayOfUUIDs("media_ids");
        List<UUID> mediaIds = new ArrayList<>();
        if (media != null) {
            for (Object m : media) {
                mediaIds.add((UUID) m);
            }
        }
        return new VisitRow(r.getLong("id"), r.getLong("household_id"), r.getLong("building_id"),
                r.getString("building_path"), r.getLong("visitor_id"), instant(r, "visited_at"),
                VisitMode.valueOf(r.getString("mode")), r.getString("situation"), r.getString("follow_up"),
                r.getDouble("lng"), r.getDouble("lat"), r.getDouble("distance_metres"), r.getBoolean("far_from_building"),
                mediaIds, r.getLong("incident_id"), instant(r, "created_at"));
    }

    private static DueRow dueRow(Row r) {
        return new DueRow(r.getLong("household_id"), r.getLong("building_id"), r.getString("building_name"),
                r.getString("unit_name"), r.getString("room_number"), r.getString("label"),
                Arrays.asList(r.getArrayOfStrings("kinds")), r.getInteger("interval_days"), instant(r, "last_visit_at"),
                instant(r, "next_due_at"), instant(r, "warned_at"), instant(r, "overdue_at"), r.getInteger("level"));
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
