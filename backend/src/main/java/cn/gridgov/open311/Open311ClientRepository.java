package cn.gridgov.open311;

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
import java.util.List;
import java.util.UUID;

/** Open311 clients (their keys by hash) and what their submissions made. */
@ApplicationScoped
public class Open311ClientRepository {

    /** A client as an admin lists it (never the key itself). */
    public record Listed(long id, String name, String keyHint, long regionId, String regionName, Instant createdAt,
                         Instant revokedAt) {
    }

    private static final String LISTED = """
            SELECT c.id, c.name, c.key_hint, c.region_id, r.name AS region_name, c.created_at, c.revoked_at
            FROM open311_client c JOIN region r ON r.id = c.region_id""";

    private final Pool pool;

    public Open311ClientRepository(Pool pool) {
        this.pool = pool;
    }

    /** Creates the client and the user it reports as, in {@code tx}; answers its id. */
    public Uni<Long> insert(SqlClient tx, String name, byte[] keyHash, String keyHint, long regionId, long createdBy,
                            Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO app_user (kind, nickname, display_name) VALUES ('RESIDENT', 'Open311', $1) RETURNING id""")
                .execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong("id"))
                .chain(userId -> tx.preparedQuery("""
                                INSERT INTO open311_client (name, key_hash, key_hint, region_id, user_id, created_by, created_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                        .execute(Tuple.tuple(List.of(name, io.vertx.core.buffer.Buffer.buffer(keyHash), keyHint,
                                regionId, userId, createdBy, at(now))))
                        .map(rows -> rows.iterator().next().getLong("id")));
    }

    /** The client holding the key with this hash, unless revoked; null otherwise. */
    public Uni<Open311Client> active(byte[] keyHash) {
        return pool.preparedQuery("""
                        SELECT c.id, c.name, c.region_id, r.path::text AS path, c.user_id
                        FROM open311_client c JOIN region r ON r.id = c.region_id
                        WHERE c.key_hash = $1 AND c.revoked_at IS NULL""")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(keyHash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Open311Client(r.getLong("id"), r.getString("name"), r.getLong("region_id"),
                            r.getString("path"), r.getLong("user_id"));
                });
    }

    /** The clients bound to nodes in {@code scopePath}, newest first. */
    public Uni<List<Listed>> list(String scopePath) {
        return pool.preparedQuery(LISTED + " WHERE r.path <@ $1::ltree ORDER BY c.id DESC")
                .execute(Tuple.of(scopePath)).map(rows -> {
                    List<Listed> out = new ArrayList<>();
                    rows.forEach(r -> out.add(listed(r)));
                    return out;
                });
    }

    /** The client {@code id} if its node lies in {@code scopePath}; null otherwise. */
    public Uni<Listed> find(long id, String scopePath) {
        return pool.preparedQuery(LISTED + " WHERE c.id = $1 AND r.path <@ $2::ltree")
                .execute(Tuple.of(id, scopePath))
                .map(rows -> rows.size() == 0 ? null : listed(rows.iterator().next()));
    }

    /** Revokes the key (a second revoke keeps the first time). */
    public Uni<Void> revoke(long id, Instant now) {
        return pool.preparedQuery("UPDATE open311_client SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1")
                .execute(Tuple.of(id, at(now))).replaceWithVoid();
    }

    public Uni<Void> recordSubmission(UUID token, long clientId, long incidentId, Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO open311_submission (token, client_id, incident_id, created_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (token) DO NOTHING""")
                .execute(Tuple.of(token, clientId, incidentId, at(now))).replaceWithVoid();
    }

    /** The incident a client's submission made, by its token; null when the token is not this client's. */
    public Uni<Long> submission(UUID token, long clientId) {
        return pool.preparedQuery("SELECT incident_id FROM open311_submission WHERE token = $1 AND client_id = $2")
                .execute(Tuple.of(token, clientId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("incident_id"));
    }

    private static Listed listed(Row r) {
        OffsetDateTime revoked = r.getOffsetDateTime("revoked_at");
        return new Listed(r.getLong("id"), r.getString("name"), r.getString("key_hint"), r.getLong("region_id"),
                r.getString("region_name"), r.getOffsetDateTime("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
