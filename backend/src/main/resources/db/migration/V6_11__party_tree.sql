-- Issue 10 §1: the Party tree becomes editable. party_org keeps the rows the region import writes (one per
-- node, region_id unique); an organisation created by hand may also be a joint or functional branch that
-- leads no single node (region_id NULL) and covers several compounds or buildings (party_org_coverage).
-- Every organisation stays bound to one node for data scope: the node it leads, or its anchor (the node of
-- the organisation above it, for a joint branch; its old node, once dissolved or merged).
ALTER TABLE party_org ALTER COLUMN region_id DROP NOT NULL;
ALTER TABLE party_org DROP CONSTRAINT party_org_kind_check;
ALTER TABLE party_org
    ADD CONSTRAINT party_org_kind_check CHECK (kind IN ('COUNTY_COMMITTEE', 'TOWN_COMMITTEE', 'COMMUNITY_COMMITTEE',
        'COMPOUND_BRANCH', 'BUILDING_GROUP', 'JOINT_BRANCH', 'FUNCTIONAL_BRANCH')),
    ADD COLUMN anchor_region_id bigint REFERENCES region (id) ON DELETE CASCADE,
    -- the organisation above, when it is not the one of the node above (joint branches, groups under them)
    ADD COLUMN parent_id bigint REFERENCES party_org (id),
    ADD COLUMN status varchar(16) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISSOLVED', 'MERGED')),
    ADD COLUMN merged_into_id bigint REFERENCES party_org (id),
    ADD COLUMN contact varchar(64),
    ADD COLUMN version integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT party_org_bound CHECK (region_id IS NOT NULL OR anchor_region_id IS NOT NULL),
    ADD CONSTRAINT party_org_active_leads CHECK (status = 'ACTIVE' OR region_id IS NULL);
CREATE INDEX party_org_anchor_idx ON party_org (anchor_region_id);
CREATE INDEX party_org_parent_idx ON party_org (parent_id);

-- The compounds or buildings a joint or functional branch covers (and what a merge brought to a branch).
CREATE TABLE party_org_coverage (
    org_id    bigint NOT NULL REFERENCES party_org (id) ON DELETE CASCADE,
    region_id bigint NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, region_id)
);
CREATE INDEX party_org_coverage_region_idx ON party_org_coverage (region_id);

-- Every change made through the API, append-only: what it was before and after, who, when.
CREATE TABLE party_org_history (
    id            bigserial    PRIMARY KEY,
    org_id        bigint       NOT NULL REFERENCES party_org (id) ON DELETE CASCADE,
    action        varchar(24)  NOT NULL,
    actor_user_id bigint       REFERENCES app_user (id),
    before        jsonb,
    after         jsonb,
    at            timestamptz  NOT NULL
);
CREATE INDEX party_org_history_org_idx ON party_org_history (org_id, id);

CREATE FUNCTION party_org_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'party_org_history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER party_org_history_no_update_delete BEFORE UPDATE OR DELETE ON party_org_history
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION party_org_history_append_only();
CREATE TRIGGER party_org_history_no_truncate BEFORE TRUNCATE ON party_org_history
    FOR EACH STATEMENT EXECUTE FUNCTION party_org_history_append_only();
