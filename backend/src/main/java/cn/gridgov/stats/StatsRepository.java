package cn.gridgov.stats;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentStatus;
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
 * Parameters: $1 the node's path (ltree text), $2 and $3 the period's first instant and the first instant after it.
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

    private static final String OPEN = IncidentStatus.sql(IncidentStatus.OPEN);

    /**
     * Incidents received in the period, and (for the backlog figures) those open now whatever their date. The open
     * marks are the supervision's: yellow is warned and not yet overdue, red is overdue, supervised is pressed on by
     * a node above (level > 0), all counted among open incidents only, as on the map tiles.
     */
    static final String OVERVIEW = """
            WITH scoped AS (
                SELECT CASE WHEN nlevel(i.region_path) > nlevel(text2ltree($1::text))
                            THEN ltree2text(subpath(i.region_path, nlevel(text2ltree($1::text)), 1))::bigint END AS child,
                       i.status, i.category_id, i.source,
                       (i.reported_at >= $2 AND i.reported_at < $3) AS received,
                       i.status IN %1$s AS open,
                       CASE WHEN i.status = 'CLOSED' THEN (extract(epoch FROM i.closed_at - i.reported_at) / 3600)::float8 END AS hours,
                       (i.status = 'CLOSED' AND i.closed_at <= i.deadline_at) AS on_time,
                       i.rating,
                       (s.warned_at IS NOT NULL AND s.overdue_at IS NULL) AS yellow,
                       (s.overdue_at IS NOT NULL) AS red,
                       (COALESCE(s.level, 0) > 0) AS pressed
                FROM incident i LEFT JOIN incident_supervision s ON s.incident_id = i.id
                WHERE i.region_path <@ text2ltree($1::text)
                  AND ((i.reported_at >= $2 AND i.reported_at < $3) OR i.status IN %1$s)
            ), g AS (
                SELECT GROUPING(child, status, category_id, source) AS grouping, child, status, category_id, source,
                       count(*) FILTER (WHERE received) AS received,
                       count(hours) FILTER (WHERE received) AS closed,
                       count(*) FILTER (WHERE received AND on_time) AS closed_on_time,
                       avg(hours) FILTER (WHERE received) AS mean_hours,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE received AND hours IS NOT NULL)
                           AS median_hours,
                       count(rating) FILTER (WHERE received) AS rated,
                       (avg(rating) FILTER (WHERE received))::float8 AS mean_rating,
                       count(*) FILTER (WHERE received AND rating >= 4) AS satisfied,
                       count(*) FILTER (WHERE open) AS open,
                       count(*) FILTER (WHERE open AND yellow) AS yellow,
                       count(*) FILTER (WHERE open AND red) AS red,
                       count(*) FILTER (WHERE open AND pressed) AS supervised
                FROM scoped
                GROUP BY GROUPING SETS ((), (status), (category_id), (source),
                                        (child), (child, status), (child, category_id), (child, source))
            )
            SELECT g.*, c.code AS category_code, c.name AS category_name
            FROM g LEFT JOIN incident_category c ON c.id = g.category_id
            """.formatted(OPEN);

    /** Per day of the period ($4 first day, $5 last day): incidents received that day, and incidents closed that day. */
    static final String DAYS = """
            WITH r AS (
                SELECT (i.reported_at AT TIME ZONE '%1$s')::date AS day, count(*) AS n
                FROM incident i
                WHERE i.region_path <@ text2ltree($1::text) AND i.reported_at >= $2 AND i.reported_at < $3
                GROUP BY 1
            ), c AS (
                SELECT (i.closed_at AT TIME ZONE '%1$s')::date AS day, count(*) AS n
                FROM incident i
                WHERE i.region_path <@ text2ltree($1::text) AND i.status = 'CLOSED'
                  AND i.closed_at >= $2 AND i.closed_at < $3
                GROUP BY 1
            )
            SELECT d::date AS day, COALESCE(r.n, 0) AS received, COALESCE(c.n, 0) AS closed
            FROM generate_series($4::date, $5::date, interval '1 day') d
                 LEFT JOIN r ON r.day = d::date
                 LEFT JOIN c ON c.day = d::date
            ORDER BY 1
            """.formatted(ApiTime.ZONE.getId());

    private final Pool pool;

    public StatsRepository(Pool pool) {
        this.pool = pool;
    }

    /** The node's figures and those of each child that has incidents (by child id). */
    public Uni<Aggregates> overview(String nodePath, StatsPeriod period) {
        return pool.preparedQuery(OVERVIEW)
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
        return pool.preparedQuery(DAYS)
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
