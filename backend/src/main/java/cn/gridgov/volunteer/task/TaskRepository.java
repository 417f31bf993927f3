package cn.gridgov.volunteer.task;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Volunteer tasks and the claiming of their places, native SQL: the capacity rule is one conditional UPDATE. */
@ApplicationScoped
public class TaskRepository {

    /** One task per incident. */
    public static final String INCIDENT_ONCE = "volunteer_task_incident_once";
    /** One claim per volunteer and task. */
    public static final String CLAIM_ONCE = "volunteer_claim_once";

    /** A task to insert; the point in WGS-84, or null. */
    record TaskInsert(long communityId, VolunteerTaskKind kind, String title, String description, Long placeRegionId, Double lng,
                   Double lat, OffsetDateTime startsAt, OffsetDateTime endsAt, int needed, int points, Long incidentId,
                   long createdBy) {
    }

    public Uni<Long> insert(SqlClient tx, TaskInsert t, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO volunteer_task (community_id, kind, title, description, place_region_id, place_point,
                            starts_at, ends_at, needed, points, incident_id, created_by, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5,
                            CASE WHEN $6::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($6, $7), 4326) END,
                            $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(t.communityId(), t.kind().name(), t.title(), t.description(),
                        t.placeRegionId(), t.lng(), t.lat(), t.startsAt(), t.endsAt(), t.needed(), t.points(),
                        t.incidentId(), t.createdBy(), now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The task if its community lies within {@code scope}. */
    public Uni<Optional<TaskRow>> findWithin(SqlClient db, long id, String scope) {
        return db.preparedQuery(TaskRow.SELECT + " WHERE t.id = $1 AND " + RegionSql.within("tc", "$2"))
                .execute(Tuple.of(id, scope)).map(TaskRepository::first);
    }

    /** The task, whatever its community (the caller checks who may see it). */
    public Uni<Optional<TaskRow>> find(SqlClient db, long id) {
        return db.preparedQuery(TaskRow.SELECT + " WHERE t.id = $1").execute(Tuple.of(id)).map(TaskRepository::first);
    }

    /** The task if it belongs to {@code communityId} (a volunteer's community). */
    public Uni<Optional<TaskRow>> findOfCommunity(SqlClient db, long id, long communityId) {
        return db.preparedQuery(TaskRow.SELECT + " WHERE t.id = $1 AND t.community_id = $2")
                .execute(Tuple.of(id, communityId)).map(TaskRepository::first);
    }

    /**
     * Tasks of communities within {@code scope} (or of {@code communityId} alone when {@code scope} is null: a
     * volunteer's view), newest first.
     */
    public Uni<List<TaskRow>> list(SqlClient db, String scope, Long communityId, String status, long beforeId, int limit) {
        return db.preparedQuery(TaskRow.SELECT + " WHERE ($1::text IS NULL OR " + RegionSql.within("tc", "$1") + ")"
                        + " AND ($2::bigint IS NULL OR t.community_id = $2) AND ($3::text IS NULL OR t.status = $3)"
                        + " AND t.id < $4 ORDER BY t.id DESC LIMIT $5")
                .execute(Tuple.from(Arrays.asList(scope, communityId, status, beforeId, limit)))
                .map(TaskRepository::all);
    }

    /**
     * Takes one place of an open, unfinished task of {@code communityId} for the volunteer, in one statement: the
     * UPDATE takes the task's row lock and re-checks {@code claimed < needed} after any concurrent claim committed,
     * so claims never pass the number needed. Answers the new claim's id, or empty when no place was taken (full,
     * cancelled, ended or not this community's); a second claim by the same volunteer fails on {@link #CLAIM_ONCE}.
     */
    public Uni<Optional<Long>> claimPlace(SqlClient tx, long taskId, long communityId, long volunteerId, Instant now) {
        return tx.preparedQuery("""
                        WITH place AS (
                            UPDATE volunteer_task SET claimed = claimed + 1, updated_at = $4
                            WHERE id = $1 AND community_id = $2 AND status = 'OPEN' AND claimed < needed AND ends_at > $4
                            RETURNING id)
                        INSERT INTO volunteer_claim (task_id, volunteer_id, created_at)
                        SELECT place.id, $3, $4 FROM place RETURNING id""")
                .execute(Tuple.of(taskId, communityId, volunteerId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
    }

    /** A unit claims a task once: the unique index behind a second unit claim. */
    public static final String UNIT_CLAIM_ONCE = "volunteer_claim_unit_once";

    /** Takes one place for co-building unit {@code unitId}, claimed by its contact, by the same rule as a volunteer's. */
    public Uni<Optional<Long>> claimPlaceForUnit(SqlClient tx, long taskId, long unitId, long contactUserId, Instant now) {
        return tx.preparedQuery("""
                        WITH place AS (
                            UPDATE volunteer_task SET claimed = claimed + 1, updated_at = $4
                            WHERE id = $1 AND status = 'OPEN' AND claimed < needed AND ends_at > $4
                            RETURNING id)
                        INSERT INTO volunteer_claim (task_id, cobuild_unit_id, claimant_user_id, created_at)
                        SELECT place.id, $2, $3, $4 FROM place RETURNING id""")
                .execute(Tuple.of(taskId, unitId, contactUserId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
    }

    /** Cancels an open task if the version still matches; answers whether it did. */
    public Uni<Boolean> cancel(SqlClient tx, long id, int version, String reason, Instant now) {
        return tx.preparedQuery("""
                        UPDATE volunteer_task SET status = 'CANCELLED', cancel_reason = $3, updated_at = $4,
                            version = version + 1
                        WHERE id = $1 AND version = $2 AND status = 'OPEN'""")
                .execute(Tuple.of(id, version, reason, now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount() == 1);
    }

    private static Optional<TaskRow> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(TaskRow.from(rows.iterator().next()));
    }

    private static List<TaskRow> all(RowSet<Row> rows) {
        List<TaskRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(TaskRow.from(r)));
        return out;
    }
}
