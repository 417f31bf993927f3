package cn.gridgov.identity;

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

    /** Uses the code if it is live; returns the staff user it binds to. */
    public Uni<Optional<Long>> use(SqlClient db, byte[] hash) {
        return db.preparedQuery("UPDATE binding_code SET used_at = now() "
                        + "WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING staff_user_id")
                .execute(Tuple.of(UserRepository.buffer(hash)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getLong("staff_user_id")));
    }
}
