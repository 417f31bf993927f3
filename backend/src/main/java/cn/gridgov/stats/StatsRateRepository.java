package cn.gridgov.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The three rates from {@link StatsRateSql}. */
@ApplicationScoped
public class StatsRateRepository {

    private final Pool pool;

    public StatsRateRepository(Pool pool) {
        this.pool = pool;
    }

    /** The node's rates and each child's that has incidents (by child id). */
    public Uni<Regions> regions(String nodePath, StatsPeriod period) {
        return pool.preparedQuery(StatsRateSql.REGIONS)
                .execute(Tuple.of(nodePath, period.start().atOffset(ZoneOffset.UTC), period.end().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    StatsRateFigures node = StatsRateFigures.EMPTY;
                    Map<Long, StatsRateFigures> children = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getInteger("grouping") == 1) {
                            node = figures(row);
                        } else if (row.getLong("child") != null) {
                            children.put(row.getLong("child"), figures(row));
                        }
                    }
                    return new Regions(node, children);
                });
    }

    /**
     * The departments' rates: of the calls to incidents under {@code nodePath} (null: anywhere), of one department
     * ({@code departmentId}) or all.
     */
    public Uni<List<StatsRateDepartment>> departments(StatsPeriod period, String nodePath, Long departmentId) {
        return pool.preparedQuery(StatsRateSql.DEPARTMENTS)
                .execute(Tuple.of(period.start().atOffset(ZoneOffset.UTC), period.end().atOffset(ZoneOffset.UTC),
                        nodePath, departmentId))
                .map(rows -> {
                    List<StatsRateDepartment> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new StatsRateDepartment(r.getLong("id"), r.getString("code"), r.getString("name"),
                                r.getString("kind"), figures(r)));
                    }
                    return out;
                });
    }

    private static StatsRateFigures figures(Row r) {
        long total = r.getLong("total");
        long resolvable = r.getColumnIndex("resolvable") >= 0 ? r.getLong("resolvable") : total;
        return StatsRateFigures.of(total, r.getLong("responded"), r.getLong("responded_on_time"), resolvable,
                r.getLong("resolved"), r.getLong("resolved_on_time"), r.getLong("rated"), r.getLong("satisfied"));
    }

    /** The node's rates, and each child's that has any incident, by the child's id. */
    public record Regions(StatsRateFigures node, Map<Long, StatsRateFigures> children) {
    }
}
