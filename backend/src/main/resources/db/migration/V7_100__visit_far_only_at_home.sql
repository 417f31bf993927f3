-- A visit by phone or video is made from anywhere: only a home visit is flagged far from its building (VisitRepository
-- .insert since this version). Visits recorded before by phone or video lose the flag they should never have had; the
-- distance stays as it was measured.
UPDATE key_group_visit SET far_from_building = false WHERE mode <> 'HOME' AND far_from_building;
