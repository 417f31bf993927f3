package cn.gridgov.stats;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentStatus;

/**
 * The dashboard's SQL, in a class of its own (no database client in sight) so the benchmark can print exactly what
 * the server sends (bench/stats/PrintSql.java). Parameters: $1 the node's path (ltree text), $2 and $3 the period's
 * first instant and the first instant after it; for {@link #DAYS} also $4 and $5, its first and last day.
 */
public final class StatsSql {

    private static final String OPEN = IncidentStatus.sql(IncidentStatus.OPEN);

    /**
     * Incidents received in the period, and (for the backlog figures) those open now whatever their date. The open
     * marks are the supervision's: yellow is warned and not yet overdue, red is overdue, supervised is pressed on by
     * a node above (level > 0), all counted among open incidents only, as on the map tiles.
     */
    public static final String OVERVIEW = """
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
    public static final String DAYS = """
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

    private StatsSql() {
    }
}
