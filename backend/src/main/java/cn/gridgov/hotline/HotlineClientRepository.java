package cn.gridgov.hotline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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

/** Hotline clients: their keys by hash, the user each reports as, and their callback URLs. */
@ApplicationScoped
public class HotlineClientRepository {

    /** A client as an admin lists it (never the key itself). */
    public record Listed(long id, String name, String keyHint, long regionId, String regionName, String callbackUrl,
                         Instant createdAt, Instant revokedAt) {
    }

    private static final String LISTED = """
            SELECT c.id, c.name, c.key_hint, c.region_id, r.name AS region_name, c.callback_url, c.created_at, c.revoked_at
            FROM hotline_client c JOIN region r ON r.id = c.region_id""";

    private final Pool pool;

    public HotlineClientRepository(Pool pool) {
        this.pool = pool;
    }

    /** Creates the client and the user it reports as, in {@code tx}; answers its id. */
    public Uni<Long> insert(SqlClient tx, String name, byte[] keyHash, String keyHint, long regionId, String callbackUrl,
                            long createdBy, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO app_user (kind, nickname, display_name) VALUES ('RESIDENT', '12345', $1) RETURNING id""")
                .execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong("id"))
                .chain(userId -> tx.preparedQuery("""
                                INSERT INTO hotline_client (name, key_hash, key_hint, region_id, user_id, callback_url,
                                    created_by, created_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""")
                        .execute(Tuple.from(Arrays.asList(name, io.vertx.core.buffer.Buffer.buffer(keyHash), keyHint,
                                regionId, userId, callbackUrl, createdBy, at(now))))
                        .map(rows -> rows.iterator().next().getLong("id")));
    }

    /** The client holding the key with this hash, unless revoked; null otherwise. */
    public Uni<HotlineClient> active(byte[] keyHash) {
        return pool.preparedQuery("""
                        SELECT c.id, c.name, c.region_id, ltree2text(r.path) AS path, c.user_id, c.callback_url
                        FROM hotline_client c JOIN region r ON r.id = c.region_id
                        WHERE c.key_hash = $1 AND c.revoked_at IS NULL""")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(keyHash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new HotlineClient(r.getLong("id"), r.getString("name"), r.getLong("region_id"),
                            r.getString("path"), r.getLong("user_id"), r.getString("callback_url"));
                });
    }

    /** The clients bound to nodes in {@code scopePath}, newest first. */
    public Uni<List<Listed>> list(String scopePath) {
        return pool.preparedQuery(LISTED + " WHERE r.path <@ text2ltree($1::text) ORDER BY c.id DESC")
                .execute(Tuple.of(scopePath)).map(rows -> {
                    List<Listed> out = new ArrayList<>();
                    rows.forEach(r -> out.add(listed(r)));
                    return out;
                });
    }

    /** The client {@code id} if its node lies in {@code scopePath}; null otherwise. */
    public Uni<Listed> find(SqlClient db, long id, String scopePath) {
        return db.preparedQuery(LISTED + " WHERE c.id = $1 AND r.path <@ text2ltree($2::text)")
                .execute(Tuple.of(id, scopePath))
                .map(rows -> rows.size() == 0 ? null : listed(rows.iterator().next()));
    }

    /** Revokes the key (a second revoke keeps the first time). */
    public Uni<Void> revoke(long id, Instant now) {
        return pool.preparedQuery("UPDATE hotline_client SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1")
                .execute(Tuple.of(id, at(now))).replaceWithVoid();
    }

    private static Listed listed(Row r) {
        OffsetDateTime revoked = r.getOffsetDateTime("revoked_at");
        return new Listed(r.getLong("id"), r.getString("name"), r.getString("key_hint"), r.getLong("region_id"),
                r.getString("region_name"), r.getString("callback_url"), r.getOffsetDateTime("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
