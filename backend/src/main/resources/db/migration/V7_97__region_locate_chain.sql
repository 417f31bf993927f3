-- Locate (issue 18): every area carries the chain of areas from the county down to itself, so that locating a
-- point reads the deepest area containing it and nothing else of the tree (no join of its ancestors).
-- chain_codes / chain_names / chain_levels[i] are those of the node at depth i of the area's path (the county
-- is 1, the area itself the last); the ids are the path itself. Buildings carry none (they are never the
-- deepest area). Kept by triggers, whoever writes the tree (imports, fixtures, moves): an area's chain is its
-- parent's plus itself, and when it changes, its child areas follow, level by level down.
ALTER TABLE region
    ADD COLUMN chain_codes  text[],
    ADD COLUMN chain_names  text[],
    ADD COLUMN chain_levels text[];

CREATE FUNCTION region_chain_of_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent region%ROWTYPE;
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.chain_codes := ARRAY[NEW.code];
        NEW.chain_names := ARRAY[NEW.name];
        NEW.chain_levels := ARRAY[NEW.level];
    ELSE
        -- the parent's current row: rows written earlier by the same statement are seen (a volatile function)
        SELECT * INTO parent FROM region WHERE id = NEW.parent_id;
        NEW.chain_codes := parent.chain_codes || NEW.code::text;
        NEW.chain_names := parent.chain_names || NEW.name::text;
        NEW.chain_levels := parent.chain_levels || NEW.level::text;
    END IF;
    RETURN NEW;
END $$;

-- Child areas recompute theirs (their BEFORE trigger reads this row, now written); each of them in turn passes
-- the change on when its own chain changed. Also reached when a child was written before its parent.
CREATE FUNCTION region_chain_to_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE region SET chain_codes = NULL WHERE parent_id = NEW.id AND level <> 'BUILDING';
    RETURN NULL;
END $$;

CREATE TRIGGER region_chain_insert BEFORE INSERT ON region
    FOR EACH ROW WHEN (NEW.level <> 'BUILDING') EXECUTE FUNCTION region_chain_of_parent();
CREATE TRIGGER region_chain_update BEFORE UPDATE ON region
    FOR EACH ROW WHEN (NEW.level <> 'BUILDING') EXECUTE FUNCTION region_chain_of_parent();
CREATE TRIGGER region_chain_inserted AFTER INSERT ON region
    FOR EACH ROW WHEN (NEW.level <> 'BUILDING') EXECUTE FUNCTION region_chain_to_children();
CREATE TRIGGER region_chain_updated AFTER UPDATE ON region
    FOR EACH ROW WHEN (NEW.level <> 'BUILDING' AND (OLD.chain_codes, OLD.chain_names, OLD.chain_levels)
                       IS DISTINCT FROM (NEW.chain_codes, NEW.chain_names, NEW.chain_levels))
    EXECUTE FUNCTION region_chain_to_children();

-- The chains of the tree as it is: from the county down, each level from the one above.
UPDATE region SET chain_codes = NULL WHERE parent_id IS NULL;

-- Locate finds the covering areas and the covering footprint in one probe of one index, as the bare point-in-tree
-- query does (the two partial indexes of V1 stay for the imports' checks by level).
CREATE INDEX region_boundary_gist ON region USING gist (boundary);
