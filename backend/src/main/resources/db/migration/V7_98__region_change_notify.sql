-- Every replica may hold the region tree in memory for locate (LocateIndex). Any change of what locate reads,
-- through an import or by hand, tells them at commit (NOTIFY is held until then, and one per transaction is
-- sent however many statements fire it) to drop it; they LISTEN on this channel.
CREATE FUNCTION region_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('region_changed', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER region_changed AFTER INSERT OR DELETE OR TRUNCATE ON region
    FOR EACH STATEMENT EXECUTE FUNCTION region_changed();
CREATE TRIGGER region_located_changed
    AFTER UPDATE OF code, name, level, parent_id, path, boundary, position, chain_codes, chain_names, chain_levels
    ON region FOR EACH STATEMENT EXECUTE FUNCTION region_changed();
