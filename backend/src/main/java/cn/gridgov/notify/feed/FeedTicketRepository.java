package cn.gridgov.notify.feed;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Feed tickets by the SHA-256 of their value: stored for a few seconds, taken (deleted) when used. */
@ApplicationScoped
public class FeedTicketRepository {

    /** A ticket as it was taken: what it stood for (with its access token's version), and until when it was valid. */
    record Taken(FeedViewer viewer, int tokenVersion, Instant expiresAt) {
    }

    /** Stores a ticket for {@code viewer}, valid until {@code expiresAt}; tickets expired before {@code now} go. */
    public Uni<Void> insert(SqlClient db, byte[] hash, FeedViewer viewer, int tokenVersion, Instant expiresAt,
                            Instant now) {
        return db.preparedQuery("DELETE FROM feed_ticket WHERE expires_at < $1").execute(Tuple.of(odt(now)))
                .chain(() -> db.preparedQuery("""
                                INSERT INTO feed_ticket (ticket_hash, user_id, scope_path, token_expires_at, expires_at, token_version,
                                                         department_id)
                                VALUES ($1, $2, text2ltree($3), $4, $5, $6, $7)""")
                        .execute(Tuple.from(Arrays.asList(Buffer.buffer(hash),
                                viewer.userId(), viewer.scopePath(), odt(viewer.expiresAt()), odt(expiresAt), tokenVersion,
                                viewer.departmentId()))))
                .replaceWithVoid();
    }

    /** Deletes the ticket and answers what it was, or null: of two concurrent uses only one gets it. */
    public Uni<Taken> take(SqlClient db, byte[] hash) {
        return db.preparedQuery("""
                        DELETE FROM feed_ticket WHERE ticket_hash = $1
                        RETURNING user_id, ltree2text(scope_path) AS scope_path, token_expires_at, token_version, expires_at,
                                  department_id""")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Taken(new FeedViewer(r.getLong("user_id"), r.getString("scope_path"),
                            r.getOffsetDateTime("token_expires_at").toInstant(), r.getLong("department_id")),
                            r.getInteger("token_version"), r.getOffsetDateTime("expires_at").toInstant());
                });
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
