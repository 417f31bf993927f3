package cn.gridgov.identity.staff;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The grid duty chain: who answers for a node, and for any node the nearest responsible people above it. */
@ApplicationScoped
public class GridDutyRepository {

    /**
     * For a region, walks up its path (itself first) to the nearest node that has active staff on duty and
     * returns all of them there (optionally only {@code duty}); empty when no node up to the root has one.
     */
    private static final String RESPONSIBLE = """
            SELECT region_id, user_id, duty, display_name FROM (
                SELECT d.region_id, d.user_id, d.duty, u.display_name,
                       rank() OVER (ORDER BY %s DESC) AS nearness
                FROM grid_duty d %s
                JOIN staff_account s ON s.user_id = d.user_id AND s.active
                JOIN app_user u ON u.id = d.user_id
                WHERE %s AND ($2::text IS NULL OR d.duty = $2)
            ) ranked WHERE nearness = 1 ORDER BY duty, user_id
            """.formatted(RegionSql.depth("a"), RegionSql.joinNode("a", "d.region_id"), RegionSql.atOrAbove("a", "$1"));

    public Uni<List<GridDuty>> responsibleFor(SqlClient db, long regionId, String duty) {
        return db.preparedQuery(RESPONSIBLE).execute(Tuple.of(regionId, duty)).map(rows -> {
            List<GridDuty> list = new ArrayList<>();
            rows.forEach(row -> list.add(new GridDuty(row.getLong("region_id"), row.getLong("user_id"),
                    row.getString("duty"), row.getString("display_name"))));
            return list;
        });
    }

    /**
     * The one person new work at {@code regionId} goes to: the nearest node up with someone on duty, and there
     * the one {@link GridDuty#chosen} picks. Reporting and dispatching both ask here.
     */
    public Uni<Optional<GridDuty>> onDutyFor(SqlClient db, long regionId) {
        return responsibleFor(db, regionId, null).map(GridDuty::chosen);
    }

    /** Puts {@code userId} on duty for a node; repeating it changes nothing. */
    public Uni<Void> assign(SqlClient db, long regionId, long userId, String duty) {
        return db.preparedQuery("INSERT INTO grid_duty (region_id, user_id, duty) VALUES ($1, $2, $3) "
                        + "ON CONFLICT ON CONSTRAINT grid_duty_unique DO NOTHING")
                .execute(Tuple.of(regionId, userId, duty)).replaceWithVoid();
    }

    /** Removes every duty of {@code userId} that is not in {@code keepDuties}. */
    public Uni<Void> removeOtherDuties(SqlClient db, long userId, List<String> keepDuties) {
        return db.preparedQuery("DELETE FROM grid_duty WHERE user_id = $1 AND NOT (duty = ANY($2))")
                .execute(Tuple.tuple().addLong(userId).addArrayOfString(keepDuties.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
