package cn.gridgov.things.facility;

import cn.gridgov.common.geo.LngLat;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Facilities in SQL: the scope is the node's path ({@code r.path <@ scope}), read through region at query time. */
@ApplicationScoped
public class FacilityRepository {

    /** The scope predicate on the facility's node {@code r}, with the scope as parameter {@code $n} (null sees nothing). */
    static String inScope(int n) {
        return " ($" + n + "::text IS NOT NULL AND r.path <@ text2ltree($" + n + "::text)) ";
    }

    private static final String SELECT = """
            SELECT f.id, f.code, f.name, f.category_code, ST_X(f.position) AS lng, ST_Y(f.position) AS lat,
                   f.region_id, r.name AS region_name, r.level AS region_level, ltree2text(r.path) AS region_path,
                   f.department_id, f.state, f.note, f.version, f.created_at, f.updated_at
            FROM facility f JOIN region r ON r.id = f.region_id""";

    private final Pool pool;

    public FacilityRepository(Pool pool) {
        this.pool = pool;
    }

    /** A facility's row with its node. */
    record FacilityRow(long id, String code, String name, String categoryCode, double lng, double lat, long regionId,
                       String regionName, String regionLevel, String regionPath, Long departmentId,
                       FacilityState state, String note, int version, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt) {
    }

    /** A facility to write: its checked fields and the node it hangs on. */
    record Placed(FacilityCheck.Draft draft, long regionId) {
    }

    Uni<Long> insert(SqlClient tx, Placed p, long userId, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO facility (code, name, category_code, position, region_id, department_id, state, note,
                                              created_by, created_at, updated_at)
                        VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10, $11, $11)
                        RETURNING id""")
                .execute(insertTuple(p, userId, now)).map(rows -> rows.iterator().next().getLong("id"));
    }

    Uni<Void> insertAll(SqlClient tx, List<Placed> all, long userId, Instant now) {
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        INSERT INTO facility (code, name, category_code, position, region_id, department_id, state, note,
                                              created_by, created_at, updated_at)
                        VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10, $11, $11)""")
                .executeBatch(all.stream().map(p -> insertTuple(p, userId, now)).toList()).replaceWithVoid();
    }

    private static Tuple insertTuple(Placed p, long userId, Instant now) {
        FacilityCheck.Draft d = p.draft();
        return Tuple.tuple().addString(d.code()).addString(d.name()).addString(d.categoryCode())
                .addDouble(d.wgs84().lng()).addDouble(d.wgs84().lat()).addLong(p.regionId())
                .addValue(d.departmentId()).addString(d.state().name()).addString(d.note()).addLong(userId)
                .addValue(now.atOffset(ZoneOffset.UTC));
    }

    /** Writes the new fields if the row still has {@code version}; false when it moved on (or is gone). */
    Uni<Boolean> update(SqlClient tx, long id, Placed p, int version, Instant now) {
        FacilityCheck.Draft d = p.draft();
        return tx.preparedQuery("""
                        UPDATE facility SET code = $2, name = $3, category_code = $4,
                               position = ST_SetSRID(ST_MakePoint($5, $6), 4326), region_id = $7, department_id = $8,
                               state = $9, note = $10, updated_at = $11, version = version + 1
                        WHERE id = $1 AND version = $12""")
                .execute(Tuple.tuple().addLong(id).addString(d.code()).addString(d.name()).addString(d.categoryCode())
                        .addDouble(d.wgs84().lng()).addDouble(d.wgs84().lat()).addLong(p.regionId())
                        .addValue(d.departmentId()).addString(d.state().name()).addString(d.note())
                        .addValue(now.atOffset(ZoneOffset.UTC)).addInteger(version))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The facility if its node lies in {@code scope}; null otherwise. */
    Uni<FacilityRow> find(SqlClient db, long id, String scope) {
        return db.preparedQuery(SELECT + " WHERE f.id = $1 AND" + inScope(2)).execute(Tuple.of(id, scope))
                .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    /** The facility whatever the scope (for a report naming it: checked against the report's place instead). */
    Uni<FacilityRow> findAnywhere(SqlClient db, long id) {
        return db.preparedQuery(SELECT + " WHERE f.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    /** Facilities in scope (under {@code underPath} when given), newest first, after {@code afterId}. */
    Uni<List<FacilityRow>> list(String scope, String underPath, FacilityState state, String categoryCode,
                                Long afterId, int limit) {
        return pool.preparedQuery(SELECT + " WHERE" + inScope(1)
                        + " AND ($2::text IS NULL OR r.path <@ text2ltree($2::text))"
                        + " AND ($3::text IS NULL OR f.state = $3) AND ($4::text IS NULL OR f.category_code = $4)"
                        + " AND ($5::bigint IS NULL OR f.id < $5) ORDER BY f.id DESC LIMIT $6")
                .execute(Tuple.tuple().addString(scope).addString(underPath)
                        .addString(state == null ? null : state.name()).addString(categoryCode).addValue(afterId)
                        .addInteger(limit + 1))
                .map(FacilityRepository::rows);
    }

    /** A facility within {@code metres} of a point, nearest first; not removed ones; {@code restrictTo} a scope when given. */
    record NearbyRow(FacilityRow facility, double distance) {
    }

    Uni<List<NearbyRow>> nearby(LngLat wgs84, double metres, boolean restricted, String scope, int limit) {
        return pool.preparedQuery(SELECT.replace("SELECT f.id,",
                        "SELECT ST_Distance(f.position::geography, p.g) AS distance, f.id,")
                        + ", (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g) p"
                        + " WHERE ST_DWithin(f.position::geography, p.g, $3) AND f.state <> 'REMOVED'"
                        + " AND (NOT $4 OR" + inScope(5) + ") ORDER BY distance, f.id LIMIT $6")
                .execute(Tuple.tuple().addDouble(wgs84.lng()).addDouble(wgs84.lat()).addDouble(metres)
                        .addBoolean(restricted).addString(scope).addInteger(limit))
                .map(rows -> {
                    List<NearbyRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new NearbyRow(row(r), r.getDouble("distance"))));
                    return out;
                });
    }

    /** Which of {@code codes} are already used by facilities other than {@code exceptId}. */
    Uni<Set<String>> codesTaken(SqlClient db, List<String> codes, Long exceptId) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return db.preparedQuery("SELECT code FROM facility WHERE code = ANY($1) AND ($2::bigint IS NULL OR id <> $2)")
                .execute(Tuple.of(codes.toArray(new String[0]), exceptId))
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(r -> out.add(r.getString("code")));
                    return out;
                });
    }

    Uni<Void> linkIncident(SqlClient tx, long facilityId, long incidentId, Instant now) {
        return tx.preparedQuery("INSERT INTO facility_incident (incident_id, facility_id, created_at) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (incident_id) DO NOTHING")
                .execute(Tuple.of(incidentId, facilityId, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The incidents that named the facility, newest first, after {@code afterId}. */
    Uni<List<Long>> incidentIds(long facilityId, Long afterId, int limit) {
        return pool.preparedQuery("SELECT incident_id FROM facility_incident WHERE facility_id = $1"
                        + " AND ($2::bigint IS NULL OR incident_id < $2) ORDER BY incident_id DESC LIMIT $3")
                .execute(Tuple.of(facilityId, afterId, limit))
                .map(rows -> {
                    List<Long> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getLong("incident_id")));
                    return out;
                });
    }

    private static List<FacilityRow> rows(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<FacilityRow> out = new ArrayList<>();
        rows.forEach(r -> out.add(row(r)));
        return out;
    }

    private static FacilityRow row(Row r) {
        return new FacilityRow(r.getLong("id"), r.getString("code"), r.getString("name"), r.getString("category_code"),
                r.getDouble("lng"), r.getDouble("lat"), r.getLong("region_id"), r.getString("region_name"),
                r.getString("region_level"), r.getString("region_path"), r.getLong("department_id"),
                FacilityState.valueOf(r.getString("state")), r.getString("note"), r.getInteger("version"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
