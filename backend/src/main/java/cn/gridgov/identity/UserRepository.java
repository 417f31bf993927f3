package cn.gridgov.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Queries on {@code app_user}. Each takes the client to run on: the pool, or a transaction's connection. */
@ApplicationScoped
public class UserRepository {

    public Uni<Optional<AppUser>> find(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + AppUser.COLUMNS + " FROM app_user u WHERE u.id = $1")
                .execute(Tuple.of(id)).map(UserRepository::first);
    }

    /** The WeChat openids of {@code userIds} that have one, by user id. */
    public Uni<Map<Long, String>> openids(SqlClient db, List<Long> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT id, openid FROM app_user WHERE id = ANY($1) AND openid IS NOT NULL")
                .execute(Tuple.of(userIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, String> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getLong("id"), r.getString("openid")));
                    return out;
                });
    }

    /** The id of the user the system acts as (supervision; created by migration V4_1). */
    public Uni<Long> systemUserId(SqlClient db) {
        return db.query("SELECT id FROM app_user WHERE kind = 'SYSTEM' ORDER BY id LIMIT 1").execute()
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Creates a resident for a new openid; an existing one (a concurrent first login) is returned instead. */
    public Uni<AppUser> upsertResident(SqlClient db, String openid, String unionid) {
        return db.preparedQuery("""
                        INSERT INTO app_user (kind, openid, unionid, last_login_at) VALUES ('RESIDENT', $1, $2, now())
                        ON CONFLICT (openid) DO UPDATE SET last_login_at = now(),
                            unionid = coalesce(EXCLUDED.unionid, app_user.unionid)
                        RETURNING id, kind, openid, unionid, nickname, display_name, phone_enc, created_at, token_version
                        """)
                .execute(Tuple.of(openid, unionid)).map(rows -> AppUser.from(rows.iterator().next()));
    }

    public Uni<Long> insertStaffUser(SqlClient db, String displayName, byte[] phoneEnc, byte[] phoneHash) {
        return db.preparedQuery("""
                        INSERT INTO app_user (kind, display_name, phone_enc, phone_hash) VALUES ('STAFF', $1, $2, $3)
                        RETURNING id""")
                .execute(Tuple.of(displayName, buffer(phoneEnc), buffer(phoneHash)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Void> setPhone(SqlClient db, long userId, byte[] phoneEnc, byte[] phoneHash) {
        return db.preparedQuery("UPDATE app_user SET phone_enc = $2, phone_hash = $3, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(userId, buffer(phoneEnc), buffer(phoneHash))).replaceWithVoid();
    }

    /**
     * Links a WeChat account to a user; the openid is first taken from any other user holding it, whose ids are
     * answered (their sessions must end: that WeChat no longer logs in as them).
     */
    public Uni<List<Long>> moveOpenid(SqlClient db, long toUserId, String openid, String unionid) {
        return db.preparedQuery("UPDATE app_user SET openid = NULL, unionid = NULL, updated_at = now() "
                        + "WHERE openid = $1 AND id <> $2 RETURNING id")
                .execute(Tuple.of(openid, toUserId))
                .flatMap(lost -> {
                    List<Long> ids = new ArrayList<>();
                    lost.forEach(r -> ids.add(r.getLong("id")));
                    return db.preparedQuery("UPDATE app_user SET openid = $2, unionid = $3, updated_at = now(), "
                                    + "last_login_at = now() WHERE id = $1")
                            .execute(Tuple.of(toUserId, openid, unionid)).replaceWith(ids);
                });
    }

    /** Removes the user's WeChat link; answers whether there was one. */
    public Uni<Boolean> unlinkWeChat(SqlClient db, long userId) {
        return db.preparedQuery("UPDATE app_user SET openid = NULL, unionid = NULL, updated_at = now() "
                        + "WHERE id = $1 AND openid IS NOT NULL")
                .execute(Tuple.of(userId)).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> touchLogin(SqlClient db, long userId) {
        return db.preparedQuery("UPDATE app_user SET last_login_at = now() WHERE id = $1")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    public static Buffer buffer(byte[] bytes) {
        return bytes == null ? null : Buffer.buffer(bytes);
    }

    private static Optional<AppUser> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(AppUser.from(rows.iterator().next()));
    }
}
