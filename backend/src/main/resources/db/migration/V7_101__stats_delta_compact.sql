-- The statistics deltas, compact (issue 18, report): a writing statement appends one row to stats_delta holding all
-- it contributes, as parallel arrays (node, day, dimension, key, n, micros), instead of one row per entry. A report
-- contributes about 20 entries (4 dimensions on each of the 5 nodes of its chain): it wrote 20 rows and 40 index
-- entries in the report's transaction, it now writes one row and one index entry. What the entries are is unchanged
-- (stats_incident_rows, V7_93); a statement that contributes more than 1,000 entries (an import, a re-districting)
-- writes a row per 1,000, so no row grows without bound. node_ids lists the nodes of the row's entries: readers
-- find the rows that concern theirs by it (the table holds only what the compactor has not folded yet).
-- stats_delta_rows is the one way to read the entries back, one per row as before.

-- what is pending is folded first, as the compactor does, so the old table goes away empty
SET LOCAL work_mem = '256MB';
WITH moved AS (DELETE FROM stats_delta RETURNING node_id, day, dim, key, n, micros)
INSERT INTO stats_day (node_id, day, dim, key, n, micros)
SELECT node_id, day, dim, key, sum(n), sum(micros) FROM moved GROUP BY 1, 2, 3, 4
ON CONFLICT (node_id, day, dim, key)
    DO UPDATE SET n = stats_day.n + EXCLUDED.n, micros = stats_day.micros + EXCLUDED.micros;
DELETE FROM stats_day WHERE n = 0;
DROP TABLE stats_delta;

CREATE TABLE stats_delta (
    id       bigserial PRIMARY KEY,
    node_ids bigint[]   NOT NULL,
    days     date[]     NOT NULL,
    dims     "char"[]   NOT NULL,
    keys     text[]     NOT NULL,
    ns       bigint[]   NOT NULL,
    micros   bigint[]   NOT NULL
);

CREATE VIEW stats_delta_rows AS
    SELECT d.id, d.node_ids, e.node_id, e.day, e.dim, e.key, e.n, e.micros
    FROM stats_delta d, unnest(d.node_ids, d.days, d.dims, d.keys, d.ns, d.micros) AS e(node_id, day, dim, key, n, micros);

-- One entry of stats_day's deltas, as the triggers compute them.
CREATE TYPE stats_entry AS (node_id bigint, day date, dim "char", key text, n bigint, micros bigint);

-- Appends entries as compact rows of at most 1,000 entries; nothing for no entry.
CREATE FUNCTION stats_append(entries stats_entry[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO stats_delta (node_ids, days, dims, keys, ns, micros)
    SELECT array_agg(e.node_id), array_agg(e.day), array_agg(e.dim), array_agg(e.key), array_agg(e.n),
           array_agg(e.micros)
    FROM unnest(entries) WITH ORDINALITY AS e(node_id, day, dim, key, n, micros, o)
    GROUP BY (e.o - 1) / 1000
$$;

CREATE OR REPLACE FUNCTION stats_incident_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entries stats_entry[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        entries := ARRAY(
            SELECT ROW(c.node_id, c.day, c.dim, c.key, sum(c.n)::bigint, sum(c.micros)::bigint)::stats_entry
            FROM new_rows i LEFT JOIN incident_supervision s ON s.incident_id = i.id,
                 LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                             i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
            GROUP BY c.node_id, c.day, c.dim, c.key);
    ELSIF TG_OP = 'UPDATE' THEN
        entries := ARRAY(
            SELECT ROW(c.node_id, c.day, c.dim, c.key, sum(i.sign * c.n)::bigint, sum(i.sign * c.micros)::bigint)::stats_entry
            FROM (SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows) i
                 LEFT JOIN incident_supervision s ON s.incident_id = i.id,
                 LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                             i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
            GROUP BY c.node_id, c.day, c.dim, c.key
            HAVING sum(i.sign * c.n) <> 0 OR sum(i.sign * c.micros) <> 0);
    ELSE
        entries := ARRAY(
            SELECT ROW(c.node_id, c.day, c.dim, c.key, -sum(c.n)::bigint, -sum(c.micros)::bigint)::stats_entry
            FROM old_rows i LEFT JOIN incident_supervision s ON s.incident_id = i.id,
                 LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                             i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
            GROUP BY c.node_id, c.day, c.dim, c.key);
    END IF;
    PERFORM stats_append(entries);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_supervision_delta(changes jsonb) RETURNS void LANGUAGE sql AS $$
    SELECT stats_append(ARRAY(
        SELECT ROW(c.node_id, c.day, c.dim, c.key, sum(s.sign * c.n)::bigint, 0::bigint)::stats_entry
        FROM jsonb_to_recordset(changes)
                 AS s(sign integer, incident_id bigint, warned_at timestamptz, overdue_at timestamptz, level integer)
             JOIN (SELECT * FROM incident
                   WHERE id IN (SELECT (e ->> 'incident_id')::bigint FROM jsonb_array_elements(changes) e)
                   ORDER BY id FOR NO KEY UPDATE) i ON i.id = s.incident_id,
             LATERAL stats_incident_rows(i.region_path, i.reported_at, i.closed_at, i.deadline_at, i.status,
                                         i.category_id, i.source, i.rating, s.warned_at, s.overdue_at, s.level) c
        WHERE c.dim IN ('Y', 'R', 'P')
        GROUP BY c.node_id, c.day, c.dim, c.key
        HAVING sum(s.sign * c.n) <> 0))
$$;
