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

/**
 * The dashboard's aggregates, computed from the incidents themselves in SQL (nothing pre-aggregated, so the figures
 * are always those of the rows): one scan of the node's subtree ({@code region_path <@ node}, where the incident is)
 * grouped at once for the node and for each child (the next label of the path), and one query for the daily series.
 * The SQL is {@link StatsSql}'s.
 */
@ApplicationScoped
public class StatsRepository {

    /** {@code GROUPING(child, status, category_id, source)} of each grouping set: a bit is 1 where the column is rolled up. */
    static final int NODE = 0b1111;
    static final int NODE_STATUS = 0b1011;
    static final int NODE_CATEGORY = 0b1101;
    static final int NODE_SOURCE = 0b1110;
    static final int CHILD = 0b0111;
    static final int CHILD_STATUS = 0b0011;
    static final int CHILD_CATEGORY = 0b0101;
    static final int CHILD_SOURCE = 0b0110;

    private final Pool pool;

    public StatsRepository(Pool pool) {
        this.pool = pool;
    }

    /** The node's figures and those of each child that has incidents (by child id). */
    public Uni<Aggregates> overview(String nodePath, StatsPeriod period) {
        return pool.preparedQuery(StatsSql.OVERVIEW)
                .execute(Tuple.of(nodePath, period.start().atOffset(ZoneOffset.UTC), period.end().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    StatsTally node = new StatsTally();
                    Map<Long, StatsTally> children = new HashMap<>();
                    for (Row row : rows) {
                        int grouping = row.getInteger("grouping");
                        Long child = row.getLong("child");
                        boolean perChild = (grouping & 0b1000) == 0;
                        if (perChild && child == null) {
                            continue; // incidents located at the node itself belong to no child
                        }
                        StatsTally tally = perChild ? children.computeIfAbsent(child, k -> new StatsTally()) : node;
                        switch (grouping) {
                            case NODE, CHILD -> tally.totals(row);
                            case NODE_STATUS, CHILD_STATUS -> tally.status(row);
                            case NODE_CATEGORY, CHILD_CATEGORY -> tally.category(row);
                            case NODE_SOURCE, CHILD_SOURCE -> tally.source(row);
                            default -> throw new IllegalStateException("unexpected grouping " + grouping);
                        }
                    }
                    Map<Long, StatsFigures> figures = new HashMap<>();
                    children.forEach((id, t) -> figures.put(id, t.figures()));
                    return new Aggregates(node.figures(), figures);
                });
    }

    /** The daily series of the period, every day listed. */
    public Uni<List<StatsDay>> days(String nodePath, StatsPeriod period) {
        return pool.preparedQuery(StatsSql.DAYS)
                .execute(Tuple.of(nodePath, period.start().atOffset(ZoneOffset.UTC), period.end().atOffset(ZoneOffset.UTC),
                        period.from(), period.to()))
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
