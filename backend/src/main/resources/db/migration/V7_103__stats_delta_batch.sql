-- The previous release reads stats_delta as one entry per row (node_id, day, dim, key, n, micros), and the old and
-- new releases run side by side on this schema during a rolling update (OPERATIONS, "Upgrading"): so the compact
-- table of V7_101 takes the name stats_delta_batch, and stats_delta becomes the view of its entries, one per row as
-- before, with the row's node_ids beside them (readers find the rows that concern their nodes by them). The previous
-- release's dashboards read it as they did; its compactor, which deletes from stats_delta, fails harmlessly until
-- it is replaced (one replica folds at a time: a new one does).
DROP VIEW stats_delta_rows;
ALTER TABLE stats_delta RENAME TO stats_delta_batch;
ALTER SEQUENCE stats_delta_id_seq RENAME TO stats_delta_batch_id_seq;
ALTER INDEX stats_delta_pkey RENAME TO stats_delta_batch_pkey;

CREATE VIEW stats_delta AS
    SELECT d.id, e.node_id, e.day, e.dim, e.key, e.n, e.micros, d.node_ids
    FROM stats_delta_batch d,
         unnest(d.node_ids, d.days, d.dims, d.keys, d.ns, d.micros) AS e(node_id, day, dim, key, n, micros);

CREATE OR REPLACE FUNCTION stats_append(entries stats_entry[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_delta_batch (node_ids, days, dims, keys, ns, micros)
    SELECT array_agg(e.node_id), array_agg(e.day), array_agg(e.dim), array_agg(e.key), array_agg(e.n),
           array_agg(e.micros)
    FROM unnest(entries) WITH ORDINALITY AS e(node_id, day, dim, key, n, micros, o)
    GROUP BY (e.o - 1) / 1000;
END
$$;

CREATE OR REPLACE FUNCTION stats_incident_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE stats_day, stats_delta_batch;
    RETURN NULL;
END
$$;
