-- The dashboard's DAYS statement as it was before V7_93 (straight from the incident rows, main at ab38d8e):
-- the bench's baseline, run beside the aggregate's in the same run. $1 path, $2/$3 instants, $4/$5 first and last day.
WITH r AS (
    SELECT (i.reported_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*) AS n
    FROM incident i
    WHERE i.region_path <@ text2ltree($1::text) AND i.reported_at >= $2 AND i.reported_at < $3
    GROUP BY 1
), c AS (
    SELECT (i.closed_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*) AS n
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
