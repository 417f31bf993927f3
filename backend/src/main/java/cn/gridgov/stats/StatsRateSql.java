package cn.gridgov.stats;

/**
 * The SQL of the three rates (issue 11 §5), computed from the rows themselves (incidents, their flow, supervision
 * marks and department calls); nothing pre-aggregated.
 */
public final class StatsRateSql {

    /** The states past 待受理 that count as a response (SUSPENDED does not). */
    static final String RESPONDED_STATES = "('ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED')";

    /**
     * A node's incidents received in the period ($1 the node's path, $2 and $3 the period's first instant and the
     * first after it), counted for the node (grouping 1) and for each child (grouping 0, the next label of the path).
     * Responded: the first flow row into a state past 待受理 (accepted, dispatched, rejected, or already handled when
     * reported); on time when that is before the yellow mark of supervision (or there is none) and not after the
     * deadline. Resolved: CLOSED, on time when closed by the deadline. Satisfied: rated 4–5.
     */
    public static final String REGIONS = """
            WITH scoped AS (
                SELECT CASE WHEN nlevel(i.region_path) > nlevel(text2ltree($1::text))
                            THEN ltree2text(subpath(i.region_path, nlevel(text2ltree($1::text)), 1))::bigint END AS child,
                       i.status, i.closed_at, i.deadline_at, i.rating, s.warned_at,
                       (SELECT min(f.at) FROM incident_flow f
                        WHERE f.incident_id = i.id AND f.to_status IN %1$s) AS responded_at
                FROM incident i LEFT JOIN incident_supervision s ON s.incident_id = i.id
                WHERE i.region_path <@ text2ltree($1::text) AND i.reported_at >= $2 AND i.reported_at < $3
            )
            SELECT GROUPING(child) AS grouping, child,
                   count(*) AS total,
                   count(responded_at) AS responded,
                   count(*) FILTER (WHERE responded_at <= deadline_at AND (warned_at IS NULL OR responded_at < warned_at))
                       AS responded_on_time,
                   count(*) FILTER (WHERE status = 'CLOSED') AS resolved,
                   count(*) FILTER (WHERE status = 'CLOSED' AND closed_at <= deadline_at) AS resolved_on_time,
                   count(rating) AS rated,
                   count(*) FILTER (WHERE rating >= 4) AS satisfied
            FROM scoped
            GROUP BY GROUPING SETS ((), (child))
            """.formatted(RESPONDED_STATES);

    /**
     * Each department's calls made in the period ($1 and $2 its first instant and the first after it), optionally
     * only to incidents under a node ($3, the node's path, or null) and only one department ($4, or null). Responded:
     * reported (报到), on time by respond_by. Resolution is the lead's: lead calls not reassigned elsewhere, resolved
     * when RESOLVED or VERIFIED, on time by handle_by. Satisfaction: the ratings of the incidents of its calls (not
     * those reassigned away). Departments without calls are listed with zeros while active.
     */
    public static final String DEPARTMENTS = """
            SELECT d.id, d.code, d.name, d.kind,
                   count(c.id) AS total,
                   count(c.reported_at) AS responded,
                   count(*) FILTER (WHERE c.reported_at <= c.respond_by) AS responded_on_time,
                   count(*) FILTER (WHERE c.role = 'LEAD' AND c.status <> 'REASSIGNED') AS resolvable,
                   count(*) FILTER (WHERE c.role = 'LEAD' AND c.status IN ('RESOLVED', 'VERIFIED')) AS resolved,
                   count(*) FILTER (WHERE c.role = 'LEAD' AND c.status IN ('RESOLVED', 'VERIFIED')
                                      AND c.resolved_at <= c.handle_by) AS resolved_on_time,
                   count(i.rating) FILTER (WHERE c.status <> 'REASSIGNED') AS rated,
                   count(*) FILTER (WHERE c.status <> 'REASSIGNED' AND i.rating >= 4) AS satisfied
            FROM department d
                 LEFT JOIN (department_call c JOIN incident i ON i.id = c.incident_id
                                AND ($3::text IS NULL OR i.region_path <@ text2ltree($3::text)))
                        ON c.department_id = d.id AND c.called_at >= $1 AND c.called_at < $2
            WHERE ($4::bigint IS NULL OR d.id = $4)
            GROUP BY d.id, d.code, d.name, d.kind
            HAVING bool_or(d.active) OR count(c.id) > 0 OR $4::bigint IS NOT NULL
            ORDER BY d.code
            """;

    private StatsRateSql() {
    }
}
