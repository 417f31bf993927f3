-- incident_owner_path_gist (V3_3) serves no statement: no query compares owner_path with an ltree operator (who
-- handles an incident is read from the row: owner_region_id, nlevel(owner_path) in supervision), in this release
-- or the one before it, so dropping it is safe during a rolling update and after a rollback (OPERATIONS,
-- "Upgrading"). Every report and every change of an incident's owner paid for a GiST entry nobody read: 0.06–0.09
-- ms of a single-row insert into incident on the benchmark's million incidents (0.32–0.38 ms with it, 0.26–0.29
-- without; issue 18, bench/incidents/RESULTS.md, session 31).
DROP INDEX IF EXISTS incident_owner_path_gist;
