package cn.gridgov.identity.auth;

import cn.gridgov.identity.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored refresh tokens (their SHA-256 only), grouped in families that are revoked together. Times are compared
 * with the application's clock ({@code now} parameters), so tests can move it.
 */
@ApplicationScoped
public class RefreshTokenRepository {

    /** What a presented refresh token turned out to be; {@code expired} also when its family's lifetime is over. */
    public record Presented(long userId, UUID familyId, Instant familyExpiresAt, boolean won, boolean revoked,
                            boolean expired) {
    }

    /** A token's family and owner. */
    public record Owner(UUID familyId, long userId) {
    }

    public Uni<Void> insert(SqlClient db, byte[] hash, UUID familyId, long userId, Instant expiresAt,
                            Instant familyExpiresAt) {
        return db.preparedQuery("INSERT INTO refresh_token (token_hash, family_id, user_id, expires_at, family_expires_at) "
                        + "VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(UserRepository.buffer(hash), familyId, userId, utc(expiresAt), utc(familyExpiresAt)))
                .replaceWithVoid();
    }

    /**
     * Marks the token used if it is live (one atomic update, so two concurrent uses cannot both win);
     * returns what it was either way, or empty when it is unknown.
     */
    public Uni<Optional<Presented>> use(SqlClient db, byte[] hash, Instant now) {
        return db.preparedQuery("""
                        WITH won AS (
                            UPDATE refresh_token SET used_at = now()
                            WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL
                              AND expires_at > $2 AND family_expires_at > $2
                            RETURNING id)
                        SELECT t.user_id, t.family_id, t.family_expires_at, (SELECT count(*) FROM won) = 0 AS lost,
                               t.revoked_at IS NOT NULL AS revoked,
                               t.expires_at <= $2 OR t.family_expires_at <= $2 AS expired
                        FROM refresh_token t WHERE t.token_hash = $1""")
                .execute(Tuple.of(UserRepository.buffer(hash), utc(now)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    // the select sees the rows as before the update; a loser's reason is in them, or it lost a race
                    return Optional.of(new Presented(row.getLong("user_id"), row.getUUID("family_id"),
                            row.getOffsetDateTime("family_expires_at").toInstant(), !row.getBoolean("lost"),
                            row.getBoolean("revoked"), row.getBoolean("expired")));
                });
    }

    /** Revokes the family's live tokens; answers whether there were any. */
    public Uni<Boolean> revokeFamily(SqlClient db, UUID familyId) {
        return db.preparedQuery("UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(familyId)).map(rows -> rows.rowCount() > 0);
    }

    /** The family and owner of a token, whatever its state. */
    public Uni<Optional<Owner>> ownerOf(SqlClient db, byte[] hash) {
        return db.preparedQuery("SELECT family_id, user_id FROM refresh_token WHERE token_hash = $1")
                .execute(Tuple.of(UserRepository.buffer(hash)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Owner(
                        rows.iterator().next().getUUID("family_id"), rows.iterator().next().getLong("user_id"))));
    }

    public Uni<Void> revokeAllOf(SqlClient db, long userId) {
        return db.preparedQuery("UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    /** Drops tokens long expired; safe to run on every replica. */
    public Uni<Void> purgeExpired(SqlClient db) {
        return db.query("DELETE FROM refresh_token WHERE expires_at < now() - interval '7 days'").execute()
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
