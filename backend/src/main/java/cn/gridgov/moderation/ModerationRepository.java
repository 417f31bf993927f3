package cn.gridgov.moderation;

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
import java.util.UUID;

/** Flags, photo checks and mutes: named SQL on the reactive client, inside the caller's transaction where it writes. */
@ApplicationScoped
public class ModerationRepository {

    /** A flag as stored, with the incident it belongs to (a photo's through its media row). */
    public record Flag(long id, FlagKind kind, FlagReason reason, FlagStatus status, Long incidentId, UUID mediaId,
                       long authorId, String content, Integer label, Instant createdAt, Decision decision,
                       Instant decidedAt, String note, Instant authorMutedUntil) {
    }

    /** Flags whose incident lies in the moderator's subtree: THE scope rule of moderation ({@code path <@ scope}). */
    private static final String IN_SCOPE = """
            FROM moderation_flag f LEFT JOIN media m ON m.id = f.media_id
                 JOIN incident i ON i.id = COALESCE(f.incident_id, m.incident_id)
                 LEFT JOIN moderation_mute mu ON mu.user_id = f.author_id
            WHERE i.region_path <@ text2ltree($1::text)""";

    private static final String FLAG_COLUMNS = """
            f.id, f.kind, f.reason, f.status, i.id AS incident_id, f.media_id, f.author_id, f.content, f.label,
            f.created_at, f.decision, f.decided_at, f.note, mu.until AS muted_until""";

    /** The predicate on incident id column {@code incidentColumn}: whether moderation keeps it off public lists. */
    public static String keptOffPublicSql(String incidentColumn) {
        return "NOT EXISTS (SELECT 1 FROM moderation_flag mf WHERE mf.incident_id = " + incidentColumn
                + " AND mf.status IN ('" + FlagStatus.OPEN + "', '" + FlagStatus.HIDDEN + "'))";
    }

    public Uni<Long> insertFlag(SqlClient tx, FlagKind kind, FlagReason reason, Long incidentId, UUID mediaId,
                                long authorId, String content, Integer label, String traceId, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO moderation_flag (kind, reason, incident_id, media_id, author_id, content, label,
                                                     trace_id, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        ON CONFLICT (media_id) WHERE media_id IS NOT NULL DO NOTHING RETURNING id""")
                .execute(Tuple.from(Arrays.asList(kind.name(), reason.name(), incidentId, mediaId, authorId,
                        content == null ? null : content.substring(0, Math.min(content.length(), 2500)), label,
                        traceId, odt(at))))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
    }

    /** The flags in scope, newest first, after {@code afterId}, of {@code status} (null: any); {@code limit} rows. */
    public Uni<List<Flag>> page(SqlClient db, String scope, FlagStatus status, Long afterId, int limit) {
        return db.preparedQuery("SELECT " + FLAG_COLUMNS + " " + IN_SCOPE + """
                         AND ($2::text IS NULL OR f.status = $2) AND ($3::bigint IS NULL OR f.id < $3)
                        ORDER BY f.id DESC LIMIT $4""")
                .execute(Tuple.from(Arrays.asList(scope, status == null ? null : status.name(), afterId, limit)))
                .map(rows -> {
                    List<Flag> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toFlag(r)));
                    return out;
                });
    }

    /** The flag if it lies in scope (null otherwise), locked for the caller's transaction. */
    public Uni<Flag> findForUpdate(SqlClient tx, long id, String scope) {
        return tx.preparedQuery("SELECT " + FLAG_COLUMNS + " " + IN_SCOPE + " AND f.id = $2 FOR UPDATE OF f")
                .execute(Tuple.of(scope, id))
                .map(rows -> rows.size() == 0 ? null : toFlag(rows.iterator().next()));
    }

    public Uni<Flag> find(SqlClient db, long id, String scope) {
        return db.preparedQuery("SELECT " + FLAG_COLUMNS + " " + IN_SCOPE + " AND f.id = $2")
                .execute(Tuple.of(scope, id))
                .map(rows -> rows.size() == 0 ? null : toFlag(rows.iterator().next()));
    }

    public Uni<Void> decide(SqlClient tx, long id, Decision decision, long by, Instant at, String note) {
        return tx.preparedQuery("""
                        UPDATE moderation_flag SET status = $2, decision = $3, decided_by = $4, decided_at = $5, note = $6
                        WHERE id = $1""")
                .execute(Tuple.from(Arrays.asList(id, decision.status().name(), decision.name(), by, odt(at), note)))
                .replaceWithVoid();
    }

    /** How many times {@code authorId} was warned since {@code since}. */
    public Uni<Integer> warnings(SqlClient tx, long authorId, Instant since) {
        return tx.preparedQuery("""
                        SELECT count(*) AS n FROM moderation_flag
                        WHERE author_id = $1 AND decision = 'HIDE_AND_WARN' AND decided_at >= $2""")
                .execute(Tuple.of(authorId, odt(since)))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** Until when {@code userId} is muted, or null when they are not at {@code now}. */
    public Uni<Instant> mutedUntil(SqlClient db, long userId, Instant now) {
        return db.preparedQuery("SELECT until FROM moderation_mute WHERE user_id = $1 AND until > $2")
                .execute(Tuple.of(userId, odt(now)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("until").toInstant());
    }

    /** Mutes {@code userId} until {@code until}, or keeps a longer mute they already have; answers the end. */
    public Uni<Instant> mute(SqlClient tx, long userId, Instant until, String reason, long by, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO moderation_mute (user_id, until, reason, muted_by, muted_at) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (user_id) DO UPDATE SET until = GREATEST(moderation_mute.until, EXCLUDED.until),
                            reason = EXCLUDED.reason, muted_by = EXCLUDED.muted_by, muted_at = EXCLUDED.muted_at
                        RETURNING until""")
                .execute(Tuple.of(userId, odt(until), reason, by, odt(at)))
                .map(rows -> rows.iterator().next().getOffsetDateTime("until").toInstant());
    }

    public Uni<Void> insertMediaCheck(SqlClient db, String traceId, UUID mediaId, Instant at) {
        return db.preparedQuery("""
                        INSERT INTO moderation_media_check (trace_id, media_id, requested_at) VALUES ($1, $2, $3)
                        ON CONFLICT (trace_id) DO NOTHING""")
                .execute(Tuple.of(traceId, mediaId, odt(at))).replaceWithVoid();
    }

    /** The photo and its uploader behind {@code traceId}, the first time its verdict comes (null otherwise). */
    public record Checked(UUID mediaId, Long uploaderId, Long incidentId) {
    }

    public Uni<Checked> answerMediaCheck(SqlClient tx, String traceId, String suggest, Integer label, Instant at) {
        return tx.preparedQuery("""
                        UPDATE moderation_media_check c SET suggest = $2, label = $3, answered_at = $4
                        FROM media m WHERE c.trace_id = $1 AND c.answered_at IS NULL AND m.id = c.media_id
                        RETURNING c.media_id, m.uploader_id, m.incident_id""")
                .execute(Tuple.from(Arrays.asList(traceId, suggest, label, odt(at))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Checked(r.getUUID("media_id"), r.getLong("uploader_id"), r.getLong("incident_id"));
                });
    }

    private static Flag toFlag(Row r) {
        String decision = r.getString("decision");
        return new Flag(r.getLong("id"), FlagKind.valueOf(r.getString("kind")), FlagReason.valueOf(r.getString("reason")),
                FlagStatus.valueOf(r.getString("status")), r.getLong("incident_id"), r.getUUID("media_id"),
                r.getLong("author_id"), r.getString("content"), r.getInteger("label"), instant(r, "created_at"),
                decision == null ? null : Decision.valueOf(decision), instant(r, "decided_at"), r.getString("note"),
                instant(r, "muted_until"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
