-- Requests that arrive through the Open311 GeoReport v2 facade get their own source, so the statistics and the
-- public board can tell them from the mini program's reports and the 12345 hotline's work orders.
ALTER TABLE incident DROP CONSTRAINT incident_source_check;
ALTER TABLE incident ADD CONSTRAINT incident_source_check
    CHECK (source IN ('GRID_REPORT', 'PATROL', 'RESIDENT', 'HOTLINE', 'ASSIGNED', 'OPEN311'));
