-- A list of open incidents (IncidentSearch.list with open statuses, Visibility.listSql) is one BitmapOr over what the
-- viewer sees: the open incidents under their scope (incident_open_region_path_gist, V7_40), those they reported,
-- those assigned to them, those called to their department (primary key). The reporter and assignee parts read only
-- the open ones here, so a list costs what the viewer has open, not everything they ever reported or handled (a
-- grid worker is the assignee of every incident of their grid for years). The status list is IncidentStatus.OPEN,
-- in its order; the list puts its statuses into the SQL as literals so the planner can prove these predicates, in
-- the generic plan of the cached statement too.
CREATE INDEX incident_open_reporter_idx ON incident (reporter_id)
    WHERE status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED');
CREATE INDEX incident_open_assignee_idx ON incident (assignee_id)
    WHERE status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED');
