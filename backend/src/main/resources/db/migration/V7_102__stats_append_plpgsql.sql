-- stats_append (V7_101) in PL/pgSQL: the statistics trigger calls it in every writing transaction, and a SQL
-- function holding an INSERT is planned again at each call, a PL/pgSQL one once per session (issue 18, report).
CREATE OR REPLACE FUNCTION stats_append(entries stats_entry[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_delta (node_ids, days, dims, keys, ns, micros)
    SELECT array_agg(e.node_id), array_agg(e.day), array_agg(e.dim), array_agg(e.key), array_agg(e.n),
           array_agg(e.micros)
    FROM unnest(entries) WITH ORDINALITY AS e(node_id, day, dim, key, n, micros, o)
    GROUP BY (e.o - 1) / 1000;
END
$$;
