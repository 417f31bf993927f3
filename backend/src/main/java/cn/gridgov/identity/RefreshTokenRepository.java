package cn.gridgov.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Stored refresh tokens (their SHA-256 only), grouped in families that are revoked together. */
@ApplicationScoped
public class RefreshTokenRepository {

    /** What a presented refresh token turned out to be. */
    public record Presented(long userId, UUID familyId, boolean won, boolean revoked, boolean expired) {
    }

    public Uni<Void> insert(SqlClient db, byte[] hash, UUID familyId, long userId, Duration ttl) {
        return db.preparedQuery("INSERT INTO refresh_token (token_hash, family_id, user_id, expires_at) "
                        + "VALUES ($1, $2, $3, now() + make_interval(secs => $4))")
                .execute(Tuple.of(UserRepository.buffer(hash), familyId, userId, (double) ttl.toSeconds()))
                .replaceWithVoid();
    }

    /**
     * Marks the token used if it is live (one atomic update, so two concurrent uses cannot both win);
     * returns what it was either way, or empty when it is unknown.
     */
    public Uni<Optional<Presented>> use(SqlClient db, byte[] hash) {
        return db.preparedQuery("""
                        WITH won AS (
                            UPDATE refresh_token SET used_at = now()
                            WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                            RETURNING id)
                        SELECT t.user_id, t.family_id, (SELECT count(*) FROM won) = 0 AS lost,
                               t.revoked_at IS NOT NULL AS revoked,
                               t.expires_at <= now() AS expired
                        FROM refresh_token t WHERE t.token_hash = $1""")
                .execute(Tuple.of(UserRepository.buffer(hash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    // the select sees the rows as before the update; a loser's reason is in them, or it lost a race
                    return Optional.of(new Presented(row.getLong("user_id"), row.getUUID("family_id"),
                            !row.getBoolean("lost"), row.getBoolean("revoked"), row.getBoolean("expired")));
                });
    }

    public Uni<Void> revokeFamily(SqlClient db, UUID familyId) {
        return db.preparedQuery("UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(familyId)).replaceWithVoid();
    }

    /** The family of a token, whatever its state. */
    public Uni<Optional<UUID>> familyOf(SqlClient db, byte[] hash) {
        return db.preparedQuery("SELECT family_id FROM refresh_token WHERE token_hash = $1")
                .execute(Tuple.of(UserRepository.buffer(hash)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getUUID("family_id")));
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
}
