package cn.gridgov.region.wxacode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.List;

/** The per-node scene codes ({@code region_scene}) and the nodes a compound's ZIP holds. */
@ApplicationScoped
public class SceneRepository {

    /** Lower-case letters and digits without the easily confused {@code 0 o 1 l i}. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int CODE_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;

    public SceneRepository(Pool pool) {
        this.pool = pool;
    }

    /** The node's scene row, made on first use; concurrent callers all get the one row that won. */
    public Uni<SceneRow> ensure(long regionId) {
        return find(regionId).flatMap(row -> row != null ? Uni.createFrom().item(row)
                : pool.preparedQuery("""
                                INSERT INTO region_scene (region_id, scene_code) VALUES ($1, $2)
                                ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(regionId, newCode()))
                        // a clash of codes (or a concurrent insert) leaves no row of ours: the next round sees it
                        .flatMap(done -> find(regionId))
                        .flatMap(found -> found != null ? Uni.createFrom().item(found) : ensure(regionId)));
    }

    public Uni<SceneRow> find(long regionId) {
        return pool.preparedQuery("SELECT region_id, scene_code, object_key, page FROM region_scene WHERE region_id = $1")
                .execute(Tuple.of(regionId))
                .map(rows -> rows.size() == 0 ? null : toRow(rows.iterator().next()));
    }

    public Uni<SceneRow> findByCode(String sceneCode) {
        return pool.preparedQuery("SELECT region_id, scene_code, object_key, page FROM region_scene WHERE scene_code = $1")
                .execute(Tuple.of(sceneCode))
                .map(rows -> rows.size() == 0 ? null : toRow(rows.iterator().next()));
    }

    /** Records where the node's code is stored and for which page. */
    public Uni<Void> stored(long regionId, String objectKey, String page, OffsetDateTime at) {
        return pool.preparedQuery("""
                        UPDATE region_scene SET object_key = $2, page = $3, generated_at = $4 WHERE region_id = $1""")
                .execute(Tuple.of(regionId, objectKey, page, at))
                .replaceWithVoid();
    }

    /** A building of a compound: its id and name. */
    public record Building(long id, String name) {
    }

    /** Up to {@code limit} buildings under the node at {@code path}, by name. */
    public Uni<List<Building>> buildingsUnder(String path, int limit) {
        return pool.preparedQuery("""
                        SELECT id, name FROM region WHERE path <@ $1::ltree AND level = 'BUILDING'
                        ORDER BY name, id LIMIT $2""")
                .execute(Tuple.of(path, limit))
                .map(rows -> {
                    java.util.ArrayList<Building> out = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Building(r.getLong("id"), r.getString("name")));
                    }
                    return out;
                });
    }

    private static SceneRow toRow(Row r) {
        return new SceneRow(r.getLong("region_id"), r.getString("scene_code"), r.getString("object_key"),
                r.getString("page"));
    }

    private static String newCode() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
