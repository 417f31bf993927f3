-- The duplicate search (IncidentSearch.duplicatesOf) measures ST_DWithin on geography, which cannot use the
-- geometry index incident_position_gist: without this one the planner drives it from the visibility bitmaps
-- and rechecks thousands of rows (66 ms on the 1,000,000-incident benchmark; 3-5 ms with it, see
-- bench/incidents/RESULTS.md). IF NOT EXISTS: the benchmark database got it by hand first.
CREATE INDEX IF NOT EXISTS incident_position_geog_gist ON incident USING gist ((position::geography));
