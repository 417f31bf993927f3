-- The dashboard (StatsRepository) reads a subtree's incidents received in a period plus those still open, and the
-- incidents closed in a period. Open incidents are a small share of all: a partial GiST index on where they are
-- finds a node's backlog without visiting the closed ones (the status list is IncidentStatus.OPEN, in its order,
-- so the planner matches the predicate of StatsRepository.OVERVIEW). Closed ones are found by the day they closed.
CREATE INDEX incident_open_region_path_gist ON incident USING gist (region_path)
    WHERE status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED');
CREATE INDEX incident_closed_at_idx ON incident (closed_at) WHERE status = 'CLOSED';
