-- Rate-limit counters (issue 18, report): a hit is its own transaction, and its commit no longer waits for the
-- WAL to reach the disk (synchronous_commit off for that transaction only). Before, every report paid a second
-- flush for its counter, beside the one of the report itself. What a crash of the server or the machine can cost:
-- the counts of the last moments (at most three times wal_writer_delay, 600 ms by default) are lost, so a client
-- could exceed its limit by that many hits once; nothing else is written here. The caller (RateLimiter.hit) runs it
-- on the pool, never inside another transaction: the setting would last until that transaction's end.
CREATE FUNCTION rate_limit_hit(counter_key varchar, window_seconds double precision)
    RETURNS TABLE (hits integer, seconds_left bigint)
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    RETURN QUERY
        INSERT INTO rate_limit AS r (key, hits, expires_at)
        VALUES (counter_key, 1, now() + make_interval(secs => window_seconds))
        ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
            expires_at = CASE WHEN r.expires_at <= now() THEN EXCLUDED.expires_at ELSE r.expires_at END
        RETURNING r.hits, greatest(1, ceil(extract(epoch FROM r.expires_at - now())))::bigint;
END
$$;
