package cn.gridgov.stats;

/**
 * The dashboard's SQL, in a class of its own (no database client in sight) so the benchmark can print exactly what
 * the server sends (bench/stats/PrintSql.java). Both statements sum the aggregate of V7_93 ({@code stats_day}, kept by
 * triggers in the transaction of every incident write, plus the deltas the compactor has not folded in yet,
 * {@code stats_delta}, the view of V7_103 with one entry per row, found by the nodes their batch names) instead of
 * scanning incidents: the rows read grow with the days of the period and the number
 * of children, not with the number of incidents.
 */
public final class StatsSql {

    /** The day the backlog-now dimensions (N, Y, R, P) are kept on (V7_93). */
    static final String NOW = "'-infinity'::date";

    /**
     * For each node of $1 (bigint[]: the node and its children): every dimension's key summed over the days $2..$3
     * (Asia/Shanghai dates, both included) and the backlog now; the category's code and name for dimension C. The
     * dimensions are V7_93's; 'D' (closed that day) is the daily series' alone.
     */
    public static final String OVERVIEW = """
            WITH a AS (
                SELECT node_id, dim, key, n, micros FROM stats_day
                WHERE node_id = ANY($1) AND day BETWEEN $2 AND $3 AND dim <> 'D'
                UNION ALL
                SELECT node_id, dim, key, n, micros FROM stats_day WHERE node_id = ANY($1) AND day = %1$s
                UNION ALL
                SELECT node_id, dim, key, n, micros FROM stats_delta
                WHERE node_ids && $1 AND node_id = ANY($1) AND (day BETWEEN $2 AND $3 AND dim <> 'D' OR day = %1$s)
            ), g AS (
                SELECT node_id, dim, key, sum(n)::bigint AS n, (sum(micros) / 1e6)::float8 AS seconds
                FROM a GROUP BY node_id, dim, key HAVING sum(n) <> 0
            )
            SELECT g.*, c.code AS category_code, c.name AS category_name
            FROM g LEFT JOIN incident_category c ON c.id = CASE WHEN g.dim = 'C' THEN g.key::bigint END
            """.formatted(NOW);

    /** Per day $2..$3 of node $1: incidents received that day (S), and incidents closed that day (D). */
    public static final String DAYS = """
            WITH a AS (
                SELECT day, dim, n FROM stats_day WHERE node_id = $1 AND day BETWEEN $2 AND $3 AND dim IN ('S', 'D')
                UNION ALL
                SELECT day, dim, n FROM stats_delta
                WHERE $1 = ANY(node_ids) AND node_id = $1 AND day BETWEEN $2 AND $3 AND dim IN ('S', 'D')
            )
            SELECT d::date AS day, COALESCE(sum(a.n) FILTER (WHERE a.dim = 'S'), 0)::bigint AS received,
                   COALESCE(sum(a.n) FILTER (WHERE a.dim = 'D'), 0)::bigint AS closed
            FROM generate_series($2::date, $3::date, interval '1 day') d LEFT JOIN a ON a.day = d::date
            GROUP BY 1 ORDER BY 1
            """;

    private StatsSql() {
    }
}
