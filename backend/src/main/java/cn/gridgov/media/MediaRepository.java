package cn.gridgov.media;

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
import java.util.UUID;

/** The {@code media} table: native SQL on the reactive client, on the pool or inside the caller's transaction. */
@ApplicationScoped
public class MediaRepository {

    /** The foreign key from a photo to its uploader (a token of a user that no longer exists breaks it). */
    public static final String UPLOADER_FK = "media_uploader_fk";

    private static final String COLUMNS = """
            id, uploader_id, content_type, bytes, sha256, width, height, original_key, display_key,
            display_content_type, thumbnail_key, exif_lng, exif_lat, exif_taken_at, incident_id, created_at""";

    /** The columns read: the written ones, and when moderation hid the photo. */
    private static final String READ = COLUMNS + ", hidden_at";

    public Uni<Void> insert(SqlClient db, Media m) {
        return db.preparedQuery("INSERT INTO media (" + COLUMNS + """
                        ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)""")
                .execute(Tuple.from(Arrays.asList(m.id(), m.uploaderId(), m.contentType(), m.bytes(), m.sha256(),
                        m.width(), m.height(), m.originalKey(), m.displayKey(), m.displayContentType(),
                        m.thumbnailKey(), m.exifLng(), m.exifLat(), odt(m.exifTakenAt()), m.incidentId(),
                        odt(m.createdAt()))))
                .replaceWithVoid();
    }

    /**
     * The one rule of what a photo may still be used for: SQL that holds when the photo {@code alias} is on nothing
     * yet (no incident, no volunteer claim, no key-group visit). Each attach accepts an unused photo, or one already
     * its own (a retried request); the orphan sweep takes only unused ones.
     */
    public static String unused(String alias) {
        return ("(%1$s.incident_id IS NULL AND %1$s.volunteer_claim_id IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM key_group_visit_media used WHERE used.media_id = %1$s.id))").formatted(alias);
    }

    /**
     * Locks the photos {@code ids} for the caller's transaction, in order of id (two attaches of the same photos cannot
     * deadlock), before an attach of any kind checks {@link #unused}: an attach of the same photo under way elsewhere
     * (to an incident, a claim or a visit) is waited for, and the check, a statement of its own begun after, sees
     * what that one committed. Without it, an incident attach and a visit link of one photo could both pass, each
     * checking before the other committed (a visit link writes no media row that the update would wait for).
     */
    public static Uni<Void> lockForAttach(SqlClient tx, List<UUID> ids) {
        return tx.preparedQuery("SELECT id FROM media WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** The photo, or null. */
    public Uni<Media> find(SqlClient db, UUID id) {
        return db.preparedQuery("SELECT " + READ + " FROM media WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toMedia(rows.iterator().next()));
    }

    public Uni<List<Media>> ofIncident(SqlClient db, long incidentId) {
        return db.preparedQuery("SELECT " + READ + " FROM media WHERE incident_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(incidentId)).map(MediaRepository::toList);
    }

    /**
     * Attaches those of {@code ids} that {@code uploaderId} uploaded and that are free or already this incident's
     * (checked after {@link #lockForAttach}); answers how many.
     */
    public Uni<Integer> attach(SqlClient tx, List<UUID> ids, long incidentId, long uploaderId) {
        return lockForAttach(tx, ids).chain(() -> tx.preparedQuery("UPDATE media SET incident_id = $1 WHERE id = ANY($2) AND uploader_id = $3 "
                        + "AND (incident_id = $1 OR " + unused("media") + ")")
                .execute(Tuple.of(incidentId, ids.toArray(UUID[]::new), uploaderId)))
                .map(RowSet::rowCount);
    }

    /**
     * Attaches those of {@code ids} that {@code uploaderId} uploaded and that are free or already this volunteer
     * claim's (a task's completion report); answers how many.
     */
    public Uni<Integer> attachToClaim(SqlClient tx, List<UUID> ids, long claimId, long uploaderId) {
        return lockForAttach(tx, ids).chain(() -> tx.preparedQuery("UPDATE media SET volunteer_claim_id = $1 WHERE id = ANY($2) AND uploader_id = $3 "
                        + "AND (volunteer_claim_id = $1 OR " + unused("media") + ")")
                .execute(Tuple.of(claimId, ids.toArray(UUID[]::new), uploaderId)))
                .map(RowSet::rowCount);
    }

    /**
     * Up to {@code limit} photos unattached (to an incident, a volunteer claim or a key-group visit) since before
     * {@code olderThan}, locked for the caller's transaction; rows another transaction holds are skipped.
     */
    public Uni<List<Media>> claimOrphans(SqlClient tx, Instant olderThan, int limit) {
        return tx.preparedQuery("SELECT " + READ + " FROM media WHERE created_at < $1 AND " + unused("media")
                        + " ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(odt(olderThan), limit)).map(MediaRepository::toList);
    }

    /**
     * Hides the photo ({@code at}) or shows it again ({@code at} null): a hidden photo is served to nobody and listed
     * nowhere. Answers the incident it belongs to (null when unattached or unknown).
     */
    public Uni<Long> setHidden(SqlClient tx, UUID id, Instant at) {
        return tx.preparedQuery("UPDATE media SET hidden_at = $2 WHERE id = $1 RETURNING incident_id")
                .execute(Tuple.of(id, odt(at)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("incident_id"));
    }

    public Uni<Void> delete(SqlClient tx, List<UUID> ids) {
        return tx.preparedQuery("DELETE FROM media WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    private static List<Media> toList(RowSet<Row> rows) {
        List<Media> out = new ArrayList<>();
        rows.forEach(r -> out.add(toMedia(r)));
        return out;
    }

    private static Media toMedia(Row r) {
        return new Media(r.getUUID("id"), r.getLong("uploader_id"), r.getString("content_type"), r.getLong("bytes"),
                r.getString("sha256"), r.getInteger("width"), r.getInteger("height"), r.getString("original_key"),
                r.getString("display_key"), r.getString("display_content_type"), r.getString("thumbnail_key"),
                r.getDouble("exif_lng"), r.getDouble("exif_lat"), instant(r.getOffsetDateTime("exif_taken_at")),
                r.getLong("incident_id"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("hidden_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
