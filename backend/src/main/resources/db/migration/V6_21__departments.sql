-- Departments (条): the county's functional departments (住建局, 城管局, …), their local stations tied to a town
-- (派出所, 供电所, a town's 综合行政执法队) and the public-service enterprises (供水, 供电, 燃气). Incidents are
-- whistled to them (吹哨报到); their staff accounts are bound to a department instead of a region node.
CREATE TABLE department (
    id          bigserial    PRIMARY KEY,
    code        varchar(32)  NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z_-]{2,32}$'),
    name        varchar(64)  NOT NULL,
    kind        varchar(16)  NOT NULL CHECK (kind IN ('DEPARTMENT', 'STATION', 'ENTERPRISE')),
    -- a station's town (a TOWN node); null for county departments and enterprises
    town_id     bigint       REFERENCES region (id),
    -- a station's department (派出所 → 公安局), optional
    parent_id   bigint       REFERENCES department (id),
    active      boolean      NOT NULL DEFAULT true,
    version     integer      NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    CONSTRAINT department_station_town CHECK ((kind = 'STATION') = (town_id IS NOT NULL))
);
CREATE INDEX department_town_idx ON department (town_id) WHERE town_id IS NOT NULL;

-- Department staff: DEPT_HANDLER / DEPT_ADMIN, bound to a department (region_id stays the node their department
-- sits on, the county or the station's town, but gives them no data scope: their tokens carry no region claims).
ALTER TABLE staff_account ADD COLUMN department_id bigint REFERENCES department (id);
ALTER TABLE staff_account DROP CONSTRAINT staff_account_roles_check;
ALTER TABLE staff_account ADD CONSTRAINT staff_account_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[
    'GRID_WORKER', 'BUILDING_LEAD', 'GRID_LEADER', 'COMMUNITY_ADMIN', 'TOWN_ADMIN', 'COUNTY_ADMIN',
    'DEPT_HANDLER', 'DEPT_ADMIN']);
-- department roles exactly on department accounts, and never mixed with region roles
ALTER TABLE staff_account ADD CONSTRAINT staff_account_department_roles CHECK (
    (department_id IS NULL AND NOT roles && ARRAY['DEPT_HANDLER', 'DEPT_ADMIN'])
    OR (department_id IS NOT NULL AND roles <@ ARRAY['DEPT_HANDLER', 'DEPT_ADMIN']));
CREATE INDEX staff_account_department_idx ON staff_account (department_id) WHERE department_id IS NOT NULL;
