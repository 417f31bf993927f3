-- pgbench script: what one POST /api/v1/incidents sends to PostgreSQL, statement by statement, in the same order
-- (issue 18: ReportService.report as it is now; see README.md). run.sh prepends the \set lines (:i point, :lng/:lat
-- its coordinates, :c category number, :k key) and puts nearest-building.sql for @NEAREST@; -D gives :run (unique per run),
-- :reporter (the worker's user id), :scope (their ltree path), :codes.
-- What the server does that pgbench cannot: it sends the rate count, the new ids and the locate at once (here one
-- after the other), and the three statements of the first batch of the transaction pipelined (here one by one:
-- pgbench keeps no results (\gset) inside a pipeline); the second batch is pipelined here as there; after the
-- commits it publishes the events of all the reports that committed meanwhile in one statement (here one per report).
-- Differences in the statements, all cheap: the category (held in memory by the server) is looked up in the
-- INSERT from :codes, which also derives the chain ids and the owner from the path where the server binds values
-- computed in Java; the duty filter is a NULL literal instead of a NULL parameter; the idempotency hash is a
-- constant; the NOTIFY payload is the event's JSON with the same fields, built in SQL (its parameters cast: the
-- arguments of json_build_object have no type to infer; no colon before a letter even in a literal: pgbench would
-- take it for a variable).

-- RateLimiter.admit (on the pool, at the same time as the locate; its own transaction, committed asynchronously: V7_99)
\set window 3600.0
SELECT hits, seconds_left FROM rate_limit_hit('incident-report:' || :reporter, :window);
-- LocateIndex.locate(point): the region tree held in memory answers; the database is asked only for the nearest
-- building when the point lies in a compound but in no footprint (nearest-building.sql, with the ids of the buildings
-- the tree picked around the point). pgbench holds no tree: it reads what the tree answers for point :i from
-- bench_report_locate (run.sh fills it from locate.sql, whose answers equal the tree's: bench/locate/compare.sh), a
-- primary-key read the server does not make, then sends nearest-building.sql when the server would.
SELECT loc_id, near, candidates FROM bench_report_locate WHERE id = :i
\gset
-- incidents.newIds(1) (on the pool, at the same time as the rate count and the locate: sequences are outside
-- transactions)
\set flows 1
SELECT nextval('incident_id_seq') AS incident_id,
       ARRAY(SELECT nextval('incident_flow_id_seq') FROM generate_series(1, :flows)) AS flow_ids
\gset new_
\if :near
@NEAREST@
\endif
BEGIN;
-- first batch (pipelined by the server): keys.claim (recording the new incident's id), regions.lockedPathOf(located),
-- duties.onDutyFor(located)
INSERT INTO idempotency_key (scope, key, request_hash, resource_id) VALUES ('incident-report:' || :reporter, :run || '-' || :client_id || '-' || :k, 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00', :new_incident_id) ON CONFLICT (scope, key) DO NOTHING;
SELECT ltree2text(path) AS path FROM region WHERE id = :loc_id FOR SHARE
\gset loc_
SELECT region_id, user_id, duty, display_name FROM (
    SELECT d.region_id, d.user_id, d.duty, u.display_name,
           rank() OVER (ORDER BY nlevel(a.path) DESC) AS nearness
    FROM grid_duty d  JOIN region a ON a.id = d.region_id
    JOIN staff_account s ON s.user_id = d.user_id AND s.active
    JOIN app_user u ON u.id = d.user_id
    WHERE a.id = ANY ((SELECT string_to_array(ltree2text(path), '.')::bigint[] FROM region WHERE id = :loc_id)::bigint[]) AND (NULL::text IS NULL OR d.duty = NULL)
) ranked WHERE nearness = 1 ORDER BY duty, user_id
\aset duty_
-- second batch (pipelined by the server too): writer.create (the incident, its REPORT flow row; no outbox rows
-- without subscribe-message templates, as configured here; the event's NOTIFY comes after the commit) and
-- search.duplicatesOf in the transaction
\set dup_days 7
\set dup_m 50.0
\startpipeline
WITH v AS (SELECT text2ltree(:loc_path) AS p, g.handling_level AS level, g.id AS category_id
           FROM incident_category g WHERE g.code = (string_to_array(:codes, ','))[:c]),
     w AS (SELECT v.*, CASE v.level WHEN 'COUNTY' THEN 1 WHEN 'TOWN' THEN 2 ELSE 3 END AS o FROM v)
INSERT INTO incident (id, category_id, source, status, description, position, region_id,
    region_path, town_id, community_id, compound_id, building_id, owner_region_id, owner_path,
    assignee_id, reporter_id, self_resolved, occurred_at, reported_at, deadline_at, closed_at,
    updated_at, is_public, anonymous)
SELECT :new_incident_id, w.category_id, 'GRID_REPORT', 'REPORTED', 'pgbench 压测上报 ' || :client_id,
    ST_SetSRID(ST_MakePoint(:lng, :lat), 4326), :loc_id, w.p, subpath(w.p, 1, 1)::text::bigint,
    subpath(w.p, 2, 1)::text::bigint,
    CASE WHEN nlevel(w.p) >= 4 THEN subpath(w.p, 3, 1)::text::bigint END,
    CASE WHEN nlevel(w.p) >= 5 THEN subpath(w.p, 4, 1)::text::bigint END,
    subpath(w.p, least(w.o, nlevel(w.p)) - 1, 1)::text::bigint, subpath(w.p, 0, least(w.o, nlevel(w.p))),
    :duty_user_id, :reporter, false, now() - interval '1 hour', now(), now() + interval '2 days', NULL, now(),
    false, false
FROM w;
INSERT INTO incident_flow (id, incident_id, action, from_status, to_status, actor_id, actor_role,
    comment, media_ids, assignee_id, owner_region_id, at)
VALUES (coalesce((:new_flow_ids::bigint[])[1], nextval(pg_get_serial_sequence('incident_flow', 'id'))), :new_incident_id,
    'REPORT', NULL, 'REPORTED', :reporter, 'GRID_WORKER', NULL, '{}', :duty_user_id,
    subpath(text2ltree(:loc_path), 1, 1)::text::bigint, now())
RETURNING id;
WITH n AS MATERIALIZED (SELECT id, category_id, reported_at, position::geography AS g FROM incident WHERE id = :new_incident_id),
i AS MATERIALIZED (
    SELECT i.id, i.category_id, i.status, i.description, i.reported_at, i.reporter_id, i.assignee_id,
           i.region_path, i.position
    FROM n, incident i WHERE ST_DWithin(i.position::geography, n.g, :dup_m) AND i.id <> n.id)
SELECT i.id, i.status, i.description, i.reported_at, ST_Distance(i.position::geography, n.g) AS distance
FROM n, i
WHERE i.category_id = n.category_id AND i.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED')
  AND i.reported_at >= n.reported_at - make_interval(days => :dup_days)
  AND (i.reporter_id = :reporter OR i.assignee_id = :reporter OR (:scope::text IS NOT NULL AND i.region_path <@ text2ltree(:scope::text)) OR EXISTS (SELECT 1 FROM department_call dc JOIN staff_account sa ON sa.department_id = dc.department_id WHERE dc.incident_id = i.id AND sa.user_id = :reporter AND sa.active)) ORDER BY distance, i.id LIMIT 10;
\endpipeline
END;
-- after the commit (CommittedEvents, on the pool, its own transaction): the new incident's event to every replica. The
-- server sends one such statement for all the events that committed while the one before was under way (one
-- pg_notify per event over an array); here one per report.
SELECT pg_notify('incident_events', json_build_object('id', (:new_flow_ids::bigint[])[1], 'type', 'created',
    'incidentId', (:new_incident_id)::bigint, 'action', 'REPORT', 'fromStatus', NULL::text, 'status', 'REPORTED',
    'regionPath', (:loc_path)::text, 'ownerRegionId', subpath(text2ltree(:loc_path), 1, 1)::text::bigint,
    'assigneeId', (:duty_user_id)::bigint, 'actorRole', 'GRID_WORKER', 'categoryName', '井盖破损或缺失',
    'at', to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24":"MI":"SS.US"+08:00"'),
    'reporterId', (:reporter)::bigint, 'actorId', (:reporter)::bigint, 'departmentIds', json_build_array())::text);
