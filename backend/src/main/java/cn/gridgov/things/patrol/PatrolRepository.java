package cn.gridgov.things.patrol;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Patrols, their points and findings in SQL; the track's summary is computed by PostGIS when a patrol finishes. */
@ApplicationScoped
public class PatrolRepository {

    /** The one rule of who sees a patrol: its owner, and staff whose scope holds its grid node ({@code r}). */
    static String visible(int n) {
        return " (p.user_id = $" + n + " OR ($" + (n + 1) + "::text IS NOT NULL AND r.path <@ text2ltree($" + (n + 1)
                + "::text))) ";
    }

    private static final String SELECT = """
            SELECT p.id, p.user_id, p.region_id, r.name AS region_name, p.status, p.started_at, p.finished_at,
                   p.points_kept, p.points_dropped, p.jumps_flagged, p.length_metres, p.duration_seconds, p.coverage
            FROM patrol p JOIN region r ON r.id = p.region_id""";

    /** A patrol's row. */
    record PatrolRow(long id, long userId, long regionId, String regionName, PatrolStatus status,
                     OffsetDateTime startedAt, OffsetDateTime finishedAt, int pointsKept, int pointsDropped,
                     int jumpsFlagged, Double lengthMetres, Long durationSeconds, Double coverage) {
    }

    /** A kept point. */
    record PointRow(int seq, OffsetDateTime at, double lng, double lat, boolean jump, Double speedKmh) {
    }

    Uni<Long> insert(SqlClient tx, long userId, long regionId, Instant now) {
        return tx.preparedQuery("INSERT INTO patrol (user_id, region_id, status, started_at) VALUES ($1, $2, 'ACTIVE', $3)"
                        + " RETURNING id")
                .execute(Tuple.of(userId, regionId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The caller's own patrol, its row held until the transaction ends; null when it is not theirs or absent. */
    Uni<PatrolRow> lockOwn(SqlClient tx, long id, long userId) {
        return tx.preparedQuery(SELECT + " WHERE p.id = $1 AND p.user_id = $2 FOR UPDATE OF p")
                .execute(Tuple.of(id, userId)).map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    Uni<PatrolRow> find(SqlClient db, long id, long userId, String scope) {
        return db.preparedQuery(SELECT + " WHERE p.id = $1 AND" + visible(2)).execute(Tuple.of(id, userId, scope))
                .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    Uni<List<PatrolRow>> list(SqlClient db, long userId, String scope, Long afterId, int limit) {
        return db.preparedQuery(SELECT + " WHERE" + visible(1) + " AND ($3::bigint IS NULL OR p.id < $3)"
                        + " ORDER BY p.id DESC LIMIT $4")
                .execute(Tuple.of(userId, scope, afterId, limit))
                .map(rows -> {
                    List<PatrolRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(row(r)));
                    return out;
                });
    }

    /** The last kept point of a patrol, or null. */
    Uni<PointRow> lastPoint(SqlClient tx, long patrolId) {
        return tx.preparedQuery("SELECT seq, at, ST_X(position) AS lng, ST_Y(position) AS lat, jump, speed_kmh"
                        + " FROM patrol_point WHERE patrol_id = $1 ORDER BY seq DESC LIMIT 1")
                .execute(Tuple.of(patrolId)).map(rows -> rows.size() == 0 ? null : point(rows.iterator().next()));
    }

    Uni<List<PointRow>> points(SqlClient db, long patrolId, boolean jumpsOnly) {
        return db.preparedQuery("SELECT seq, at, ST_X(position) AS lng, ST_Y(position) AS lat, jump, speed_kmh"
                        + " FROM patrol_point WHERE patrol_id = $1 AND (NOT $2 OR jump) ORDER BY seq")
                .execute(Tuple.of(patrolId, jumpsOnly)).map(rows -> {
                    List<PointRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(point(r)));
                    return out;
                });
    }

    /** Appends the kept points in one statement and adds the batch's counts to the patrol. */
    Uni<Void> append(SqlClient tx, long patrolId, List<PointRow> kept, int dropped) {
        int n = kept.size();
        Integer[] seq = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        Double[] lng = new Double[n];
        Double[] lat = new Double[n];
        Boolean[] jump = new Boolean[n];
        Double[] speed = new Double[n];
        int flagged = 0;
        for (int i = 0; i < n; i++) {
            PointRow p = kept.get(i);
            seq[i] = p.seq();
            at[i] = p.at();
            lng[i] = p.lng();
            lat[i] = p.lat();
            jump[i] = p.jump();
            speed[i] = p.speedKmh();
            flagged += p.jump() ? 1 : 0;
        }
        Uni<Void> insert = n == 0 ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        INSERT INTO patrol_point (patrol_id, seq, at, position, jump, speed_kmh)
                        SELECT $1, s, a, ST_SetSRID(ST_MakePoint(x, y), 4326), j, v
                        FROM unnest($2::int[], $3::timestamptz[], $4::float8[], $5::float8[], $6::bool[], $7::float8[])
                             AS t (s, a, x, y, j, v)""")
                .execute(Tuple.of(patrolId, seq, at, lng, lat, jump).addArrayOfDouble(speed)).replaceWithVoid();
        int jumps = flagged;
        return insert.chain(() -> tx.preparedQuery("UPDATE patrol SET points_kept = points_kept + $2,"
                        + " points_dropped = points_dropped + $3, jumps_flagged = jumps_flagged + $4, version = version + 1"
                        + " WHERE id = $1")
                .execute(Tuple.of(patrolId, n, dropped, jumps))).replaceWithVoid();
    }

    /**
     * Finishes the patrol: the track of every kept point; its length without the flagged jumps; the duration; and
     * the share of the grid node's area within {@code bufferMetres} of the (unflagged) track, null when the node
     * has no area.
     */
    Uni<Void> finish(SqlClient tx, long patrolId, Instant now, double bufferMetres) {
        return tx.preparedQuery("""
                        WITH pts AS (SELECT seq, position, jump FROM patrol_point WHERE patrol_id = $1),
                             line AS (SELECT CASE WHEN count(*) >= 2 THEN ST_MakeLine(position ORDER BY seq) END AS track
                                      FROM pts),
                             good AS (SELECT CASE WHEN count(*) >= 2 THEN ST_MakeLine(position ORDER BY seq) END AS track
                                      FROM pts WHERE NOT jump),
                             area AS (SELECT r.boundary FROM patrol p JOIN region r ON r.id = p.region_id WHERE p.id = $1)
                        UPDATE patrol p SET status = 'FINISHED', finished_at = $2, track = line.track,
                               length_metres = COALESCE(ST_Length(good.track::geography), 0),
                               duration_seconds = GREATEST(0, floor(extract(epoch FROM ($2 - p.started_at))))::bigint,
                               coverage = CASE
                                   WHEN area.boundary IS NULL OR ST_Area(area.boundary::geography) = 0 THEN NULL
                                   WHEN good.track IS NULL THEN 0
                                   ELSE LEAST(1, ST_Area(ST_Intersection(ST_Buffer(good.track::geography, $3)::geometry,
                                        area.boundary)::geography) / ST_Area(area.boundary::geography)) END,
                               version = p.version + 1
                        FROM line, good, area WHERE p.id = $1""")
                .execute(Tuple.of(patrolId, now.atOffset(ZoneOffset.UTC), bufferMetres)).replaceWithVoid();
    }

    Uni<Void> linkFinding(SqlClient db, long patrolId, long incidentId) {
        return db.preparedQuery("INSERT INTO patrol_finding (incident_id, patrol_id) VALUES ($1, $2)"
                        + " ON CONFLICT (incident_id) DO NOTHING")
                .execute(Tuple.of(incidentId, patrolId)).replaceWithVoid();
    }

    Uni<List<Long>> findings(SqlClient db, long patrolId) {
        return db.preparedQuery("SELECT incident_id FROM patrol_finding WHERE patrol_id = $1 ORDER BY incident_id")
                .execute(Tuple.of(patrolId)).map(rows -> {
                    List<Long> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getLong("incident_id")));
                    return out;
                });
    }

    private static PatrolRow row(Row r) {
        return new PatrolRow(r.getLong("id"), r.getLong("user_id"), r.getLong("region_id"), r.getString("region_name"),
                PatrolStatus.valueOf(r.getString("status")), r.getOffsetDateTime("started_at"),
                r.getOffsetDateTime("finished_at"), r.getInteger("points_kept"), r.getInteger("points_dropped"),
                r.getInteger("jumps_flagged"), r.getDouble("length_metres"), r.getLong("duration_seconds"),
                r.getDouble("coverage"));
    }

    private static PointRow point(Row r) {
        return new PointRow(r.getInteger("seq"), r.getOffsetDateTime("at"), r.getDouble("lng"), r.getDouble("lat"),
                r.getBoolean("jump"), r.getDouble("speed_kmh"));
    }
}
