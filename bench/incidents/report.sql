-- pgbench script: what one POST /api/v1/incidents sends to PostgreSQL, statement by statement, in the same order
-- (captured with log_min_duration_statement = 0 from the server, see README.md). run.sh prepends the \set lines
-- (:i point, :lng/:lat its coordinates, :c category number, :k key) and puts locate.sql for @LOCATE@;
-- -D gives :run (unique per run), :reporter (the worker's user id), :scope (their ltree path), :codes.
-- Differences from the server, all cheap: the category code is picked from :codes in SQL, and the INSERT derives
-- the chain ids and the owner from the path in SQL where the server computes them in Java and binds them.

-- ReportService: categories.reportable(code) — Hibernate, outside the transaction
\set zero 0
\set one 1
select c1_0.id,c1_0.active,c1_0.code,c1_0.created_at,c1_0.deadline_amount,c1_0.deadline_unit,c1_0.handling_level,c1_0.name,c1_0.parent_id,c1_0.sort_order,c1_0.updated_at,c1_0.version from incident_category c1_0 where c1_0.code=(string_to_array(:codes, ','))[:c] offset :zero rows fetch first :one rows only
\gset cat_
select c1_0.id,c1_0.active,c1_0.code,c1_0.created_at,c1_0.deadline_amount,c1_0.deadline_unit,c1_0.handling_level,c1_0.name,c1_0.parent_id,c1_0.sort_order,c1_0.updated_at,c1_0.version from incident_category c1_0 where c1_0.id=:cat_parent_id
\gset grp_
-- regions.locate(point): the last row is the building, else the deepest area
@LOCATE@
\aset loc_
BEGIN;
-- keys.claim
INSERT INTO idempotency_key (scope, key, request_hash) VALUES ('incident-report:' || :reporter, :run || '-' || :client_id || '-' || :k, 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00') ON CONFLICT (scope, key) DO NOTHING;
-- incidents.pathOf(located)
SELECT ltree2text(path) AS path FROM region WHERE id = :loc_id
\gset loc_
-- duties.responsibleFor(located, null)
SELECT region_id, user_id, duty, display_name FROM (
    SELECT d.region_id, d.user_id, d.duty, u.display_name,
           rank() OVER (ORDER BY nlevel(a.path) DESC) AS nearness
    FROM region r
    JOIN region a ON a.path @> r.path
    JOIN grid_duty d ON d.region_id = a.id
    JOIN staff_account s ON s.user_id = d.user_id AND s.active
    JOIN app_user u ON u.id = d.user_id
    WHERE r.id = :loc_id AND (NULL::text IS NULL OR d.duty = NULL)
) ranked WHERE nearness = 1 ORDER BY duty, user_id
\aset duty_
-- writer.create: the incident
WITH v AS (SELECT text2ltree(:loc_path) AS p,
                  CASE :cat_handling_level WHEN 'COUNTY' THEN 1 WHEN 'TOWN' THEN 2 ELSE 3 END AS o)
INSERT INTO incident (category_id, source, status, description, position, region_id, region_path,
    town_id, community_id, compound_id, building_id, owner_region_id, owner_path, assignee_id,
    reporter_id, self_resolved, occurred_at, reported_at, deadline_at, closed_at, updated_at)
SELECT :cat_id, 'GRID_REPORT', 'REPORTED', 'pgbench 压测上报 ' || :client_id, ST_SetSRID(ST_MakePoint(:lng, :lat), 4326),
    :loc_id, v.p, subpath(v.p, 1, 1)::text::bigint, subpath(v.p, 2, 1)::text::bigint,
    CASE WHEN nlevel(v.p) >= 4 THEN subpath(v.p, 3, 1)::text::bigint END,
    CASE WHEN nlevel(v.p) >= 5 THEN subpath(v.p, 4, 1)::text::bigint END,
    subpath(v.p, least(v.o, nlevel(v.p)) - 1, 1)::text::bigint, subpath(v.p, 0, least(v.o, nlevel(v.p))),
    :duty_user_id, :reporter, false, now() - interval '1 hour', now(), now() + interval '2 days', NULL, now()
FROM v
RETURNING id
\gset new_
-- writer.record: the REPORT flow row
INSERT INTO incident_flow (incident_id, action, from_status, to_status, actor_id, actor_role, comment, media_ids, assignee_id, owner_region_id, at) VALUES (:new_id, 'REPORT', NULL, 'REPORTED', :reporter, 'GRID_WORKER', NULL, '{}', :duty_user_id, NULL, now());
-- keys.complete
UPDATE idempotency_key SET resource_id = :new_id WHERE scope = 'incident-report:' || :reporter AND key = :run || '-' || :client_id || '-' || :k;
END;
-- IncidentQueries.reported: the detail (find, flow, photos) and the duplicates, outside the transaction
\set dup_days 7
\set dup_m 50.0
SELECT i.id, i.category_id, c.code AS category_code, c.name AS category_name, i.source, i.status,
       i.suspended_from, i.description, ST_X(i.position) AS lng, ST_Y(i.position) AS lat,
       i.region_id, ltree2text(i.region_path) AS region_path, i.town_id, i.community_id, i.compound_id,
       i.building_id, i.owner_region_id, ltree2text(i.owner_path) AS owner_path, i.assignee_id,
       i.reporter_id, i.self_resolved, i.occurred_at, i.reported_at, i.deadline_at, i.suspended_at,
       i.closed_at, i.rating, i.rating_comment, i.rated_at, i.version, i.updated_at
FROM incident i JOIN incident_category c ON c.id = i.category_id
 WHERE i.id = :new_id AND (i.reporter_id = :reporter OR i.assignee_id = :reporter OR (:scope::text IS NOT NULL AND i.region_path <@ text2ltree(:scope::text)))
\gset det_
SELECT * FROM incident_flow WHERE incident_id = :new_id ORDER BY id;
select m1_0.id,m1_0.bytes,m1_0.content_type,m1_0.created_at,m1_0.display_content_type,m1_0.display_key,m1_0.exif_lat,m1_0.exif_lng,m1_0.exif_taken_at,m1_0.height,m1_0.incident_id,m1_0.original_key,m1_0.sha256,m1_0.thumbnail_key,m1_0.uploader_id,m1_0.width from media m1_0 where m1_0.incident_id=:new_id order by m1_0.created_at;
SELECT i.id, i.status, i.description, i.reported_at,
       ST_Distance(i.position::geography, n.position::geography) AS distance
FROM incident n
JOIN incident i ON i.category_id = n.category_id AND i.id <> n.id
WHERE n.id = :new_id AND i.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED')
  AND i.reported_at >= n.reported_at - make_interval(days => :dup_days)
  AND ST_DWithin(i.position::geography, n.position::geography, :dup_m)
  AND (i.reporter_id = :reporter OR i.assignee_id = :reporter OR (:scope::text IS NOT NULL AND i.region_path <@ text2ltree(:scope::text))) ORDER BY distance, i.id LIMIT 10;
