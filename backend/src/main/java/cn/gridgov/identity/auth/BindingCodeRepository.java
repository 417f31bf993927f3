package cn.gridgov.identity.auth;

import cn.gridgov.identity.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/** One-time codes that link a WeChat account to a staff account (only their hash is stored). */
@ApplicationScoped
public class BindingCodeRepository {

    /** Stores a new code for {@code staffUserId}, replacing any unused earlier one. */
    public Uni<Void> replace(SqlClient db, byte[] hash, long staffUserId, long createdBy, Duration ttl) {
        return db.preparedQuery("DELETE FROM binding_code WHERE staff_user_id = $1 AND used_at IS NULL")
                .execute(Tuple.of(staffUserId))
                .chain(() -> db.preparedQuery("INSERT INTO binding_code (code_hash, staff_user_id, created_by, expires_at) "
                                + "VALUES ($1, $2, $3, now() + make_interval(secs => $4))")
                        .execute(Tuple.of(UserRepository.buffer(hash), staffUserId, createdBy,
                                (double) ttl.toSeconds())))
                .replaceWithVoid();
    }

    /** Uses the code if it is live; returns the staff user it binds to and who made it. */
    public Uni<Optional<Used>> use(SqlClient db, byte[] hash) {
        return db.preparedQuery("UPDATE binding_code SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL "
                        + "AND expires_at > now() RETURNING staff_user_id, created_by")
                .execute(Tuple.of(UserRepository.buffer(hash)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(new Used(rows.iterator().next().getLong("staff_user_id"),
                        rows.iterator().next().getLong("created_by"))));
    }

    /** Drops the account's unused codes (its password was reset: a code minted before must not outlive it). */
    public Uni<Void> dropUnused(SqlClient db, long staffUserId) {
        return db.preparedQuery("DELETE FROM binding_code WHERE staff_user_id = $1 AND used_at IS NULL")
                .execute(Tuple.of(staffUserId)).replaceWithVoid();
    }

    /** A used code: the account it binds and who made it. */
    public record Used(long staffUserId, Long createdBy) {
    }
}
