-- Every replica keeps the category tree in memory for reporting (CategoryCache). Any change of the table, through
-- the API or by hand, tells them at commit (NOTIFY is held until then) to drop it; they LISTEN on this channel.
CREATE FUNCTION incident_category_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('incident_category_changed', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER incident_category_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_category
    FOR EACH STATEMENT EXECUTE FUNCTION incident_category_changed();
