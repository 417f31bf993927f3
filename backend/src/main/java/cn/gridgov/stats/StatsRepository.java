package cn.gridgov.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures, summed from the aggregate of V7_93 (kept by triggers in the transaction of every incident
 * write, so the figures are always those of the incident rows, the caller's own uncommitted writes included): one
 * query for the node and its children, one for the daily series. The SQL is {@link StatsSql}'s; each method runs on
 * the client it is given (the pool, or a transaction).
 */
@ApplicationScoped
public class StatsRepository {

    /** The figures of {@code nodeId} and of each of {@code childIds} that has any incident, by the child's id. */
    public Uni<Aggregates> overview(SqlClient db, long nodeId, List<Long> childIds, StatsPeriod period) {
        Long[] ids = new Long[childIds.size() + 1];
        ids[0] = nodeId;
        for (int i = 0; i < childIds.size(); i++) {
            ids[i + 1] = childIds.get(i);
        }
        return db.preparedQuery(StatsSql.OVERVIEW)
                .execute(Tuple.of(ids, period.from(), period.to()))
                .map(rows -> {
                    Map<Long, StatsTally> tallies = new HashMap<>();
                    for (Row row : rows) {
                        tallies.computeIfAbsent(row.getLong("node_id"), k -> new StatsTally()).add(row);
                    }
                    StatsTally node = tallies.remove(nodeId);
                    Map<Long, StatsFigures> children = new HashMap<>();
                    tallies.forEach((id, t) -> children.put(id, t.figures()));
                    return new Aggregates(node == null ? StatsTally.empty() : node.figures(), children);
                });
    }

    /** The daily series of the period, every day listed. */
    public Uni<List<StatsDay>> days(SqlClient db, long nodeId, StatsPeriod period) {
        return db.preparedQuery(StatsSql.DAYS)
                .execute(Tuple.of(nodeId, period.from(), period.to()))
                .map(rows -> {
                    List<StatsDay> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new StatsDay(r.getLocalDate("day"), r.getLong("received"), r.getLong("closed")));
                    }
                    return out;
                });
    }

    /** The node's figures, and each child's that has any incident, by the child's id. */
    public record Aggregates(StatsFigures node, Map<Long, StatsFigures> children) {
    }
}
