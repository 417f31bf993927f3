package cn.gridgov.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Read-only look-ups of region nodes (the region package owns the table; identity only reads it). */
@ApplicationScoped
public class RegionLookup {

    private static final String COLUMNS = "id, code, name, level, path::text AS path";

    public Uni<Optional<RegionRef>> find(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM region WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
    }

    /** The node if it lies within {@code scopePath} (itself included). */
    public Uni<Optional<RegionRef>> findInScope(SqlClient db, long id, String scopePath) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM region WHERE id = $1 AND path <@ $2::ltree")
                .execute(Tuple.of(id, scopePath))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
    }

    /** The first node (by code) of {@code level} under {@code parentPath}, or the first root when null. */
    public Uni<Optional<RegionRef>> firstOfLevel(SqlClient db, String level, String parentPath) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM region WHERE level = $1 "
                        + "AND ($2::ltree IS NULL OR path <@ $2::ltree) ORDER BY code LIMIT 1")
                .execute(Tuple.of(level, parentPath))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
    }

    private static RegionRef from(Row row) {
        return new RegionRef(row.getLong("id"), row.getString("code"), row.getString("name"),
                row.getString("level"), row.getString("path"));
    }
}
