-- The dashboard's OVERVIEW statement as it was before V7_93 (straight from the incident rows, main at ab38d8e):
-- the bench's baseline, run beside the aggregate's in the same run. $1 path, $2/$3 instants.
WITH scoped AS (
    SELECT CASE WHEN nlevel(i.region_path) > nlevel(text2ltree($1::text))
                THEN ltree2text(subpath(i.region_path, nlevel(text2ltree($1::text)), 1))::bigint END AS child,
           i.status, i.category_id, i.source,
           (i.reported_at >= $2 AND i.reported_at < $3) AS received,
           i.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED') AS open,
           CASE WHEN i.status = 'CLOSED' THEN (extract(epoch FROM i.closed_at - i.reported_at) / 3600)::float8 END AS hours,
           (i.status = 'CLOSED' AND i.closed_at <= i.deadline_at) AS on_time,
           i.rating,
           (s.warned_at IS NOT NULL AND s.overdue_at IS NULL) AS yellow,
           (s.overdue_at IS NOT NULL) AS red,
           (COALESCE(s.level, 0) > 0) AS pressed
    FROM incident i LEFT JOIN incident_supervision s ON s.incident_id = i.id
    WHERE i.region_path <@ text2ltree($1::text)
      AND ((i.reported_at >= $2 AND i.reported_at < $3) OR i.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED'))
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
