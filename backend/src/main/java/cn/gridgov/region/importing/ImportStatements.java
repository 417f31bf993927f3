package cn.gridgov.region.importing;

/**
 * The SQL of an import, set-based over a temporary staging table ({@code import_feature}, dropped at commit):
 * load in multi-row batches, check everything with a few joins, then upsert in batches. Parameters are noted
 * where used; a check answers rows of (idx, code, a1, a2, a3) for the offending features.
 */
final class ImportStatements {

    private ImportStatements() {
    }

    /** Serialises imports, so each one checks against a tree no other import is changing. */
    static final String LOCK_IMPORTS = "SELECT pg_advisory_xact_lock(26468, 0)";
    /** $1 = job id: held by a running job, so that recovery at startup can tell it from an orphan. */
    static final String LOCK_JOB = "SELECT pg_advisory_xact_lock(26469, hashtext($1::text))";
    static final String QUIET = "SET LOCAL client_min_messages = warning";
    static final String MEMORY = "SET LOCAL work_mem = '64MB'";

    static final String CREATE_STAGING = """
            CREATE TEMP TABLE import_feature (
                idx             integer PRIMARY KEY,
                code            text    NOT NULL UNIQUE,
                parent_code     text,
                name            text,
                level           text,
                depth           integer,
                attributes      jsonb,
                party_kind      text,
                party_name      text,
                party_secretary text,
                geom            geometry,
                sound           boolean NOT NULL,
                geom_valid      boolean,
                seq             integer,
                region_id       bigint,
                existed         boolean NOT NULL DEFAULT false,
                changed         boolean NOT NULL DEFAULT false,
                moved           boolean NOT NULL DEFAULT false,
                parent_id       bigint,
                path            ltree,
                boundary        geometry(MultiPolygon, 4326),
                position        geometry(Point, 4326)
            ) ON COMMIT DROP""";

    /** $1..$10: arrays of index, code, parent code, name, level, attributes, party kind/name/secretary, EWKB hex; $11 sound. */
    static final String LOAD = """
            INSERT INTO import_feature (idx, code, parent_code, name, level, depth, attributes,
                                        party_kind, party_name, party_secretary, geom, sound)
            SELECT t.idx, t.code, t.parent_code, t.name, t.level,
                   array_position(ARRAY['COUNTY', 'TOWN', 'COMMUNITY', 'COMPOUND', 'BUILDING'], t.level),
                   t.attributes::jsonb, t.party_kind, t.party_name, t.party_secretary, t.geom::geometry, t.sound
            FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::bool[])
                 AS t(idx, code, parent_code, name, level, attributes, party_kind, party_name, party_secretary,
                      geom, sound)""";

    static final String ANALYZE = "ANALYZE import_feature";

    static final String CHECK_VALIDITY = "UPDATE import_feature SET geom_valid = ST_IsValid(geom) WHERE geom IS NOT NULL";

    static final String INVALID_GEOMETRIES = """
            SELECT idx, code, ST_IsValidReason(geom) AS a1, NULL AS a2, NULL AS a3
            FROM import_feature WHERE NOT geom_valid""";

    static final String UNKNOWN_PARENTS = """
            SELECT f.idx, f.code, f.parent_code AS a1, NULL AS a2, NULL AS a3
            FROM import_feature f
            WHERE f.parent_code IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM import_feature p WHERE p.code = f.parent_code)
              AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = f.parent_code)""";

    /** A parent's level comes from the file when the parent is in it, else from the tree. */
    static final String LEVEL_MISMATCHES = """
            SELECT f.idx, f.code, f.level AS a1, coalesce(p.level, r.level) AS a2, f.parent_code AS a3
            FROM import_feature f
            LEFT JOIN import_feature p ON p.code = f.parent_code
            LEFT JOIN region r ON p.code IS NULL AND r.code = f.parent_code
            WHERE f.parent_code IS NOT NULL AND f.depth IS NOT NULL AND coalesce(p.level, r.level) IS NOT NULL
              AND f.depth <> array_position(ARRAY['COUNTY', 'TOWN', 'COMMUNITY', 'COMPOUND', 'BUILDING'],
                                            coalesce(p.level, r.level)::text) + 1""";

    static final String SECOND_COUNTIES = """
            SELECT f.idx, f.code, r.code AS a1, NULL AS a2, NULL AS a3
            FROM import_feature f JOIN region r ON r.level = 'COUNTY' AND r.code <> f.code
            WHERE f.level = 'COUNTY'""";

    /** Nodes of the tree whose level the file changes while they keep children the file does not move. */
    static final String CHILDREN_LEVELS = """
            SELECT f.idx, f.code, f.level AS a1, count(*)::text AS a2, NULL AS a3
            FROM import_feature f
            JOIN region r ON r.code = f.code
            JOIN region c ON c.parent_id = r.id
            WHERE f.level IS NOT NULL AND f.level <> r.level
              AND NOT EXISTS (SELECT 1 FROM import_feature fc WHERE fc.code = c.code)
            GROUP BY f.idx, f.code, f.level""";

    /**
     * Features that are their own ancestor, following parents through the file and, for codes not in the file,
     * through the tree. Only run when something is already wrong: with every level known and fitting, depth
     * strictly decreases up the chain, so there can be no cycle.
     */
    static final String CYCLES = """
            WITH RECURSIVE walk (idx, start_code, code, steps) AS (
                SELECT f.idx, f.code, f.parent_code, 1 FROM import_feature f WHERE f.parent_code IS NOT NULL
              UNION ALL
                SELECT w.idx, w.start_code,
                       CASE WHEN p.code IS NOT NULL THEN p.parent_code
                            ELSE (SELECT g.code FROM region r JOIN region g ON g.id = r.parent_id
                                  WHERE r.code = w.code) END,
                       w.steps + 1
                FROM walk w LEFT JOIN import_feature p ON p.code = w.code
                WHERE w.code <> w.start_code AND w.steps < 64
            )
            SELECT DISTINCT idx, start_code AS code, NULL AS a1, NULL AS a2, NULL AS a3
            FROM walk WHERE code = start_code""";

    /**
     * $1 = tolerance in metres. Children (of the file) not covered by their parent's area (from the file or the
     * tree); those are then measured against the parent grown by the tolerance, one buffer per parent.
     */
    static final String OUTSIDE_PARENTS = """
            WITH outside AS MATERIALIZED (
                SELECT f.idx, f.code, f.geom, coalesce(p.code, r.code) AS parent_code
                FROM import_feature f
                LEFT JOIN import_feature p ON p.code = f.parent_code
                LEFT JOIN region r ON p.code IS NULL AND r.code = f.parent_code
                WHERE f.geom_valid AND coalesce(p.geom_valid, true)
                  AND GeometryType(coalesce(p.geom, r.boundary)) IN ('POLYGON', 'MULTIPOLYGON')
                  AND NOT ST_CoveredBy(f.geom, coalesce(p.geom, r.boundary))
            ),
            zones AS MATERIALIZED (
                SELECT z.parent_code, ST_Buffer(coalesce(p.geom, r.boundary)::geography, $1)::geometry AS zone
                FROM (SELECT DISTINCT parent_code FROM outside) z
                LEFT JOIN import_feature p ON p.code = z.parent_code
                LEFT JOIN region r ON p.code IS NULL AND r.code = z.parent_code
            )
            SELECT o.idx, o.code, o.parent_code AS a1, NULL AS a2, NULL AS a3
            FROM outside o JOIN zones z ON z.parent_code = o.parent_code
            WHERE NOT ST_CoveredBy(o.geom, z.zone)""";

    /** $1 = tolerance in metres. Areas whose new boundary would leave out children the file does not bring. */
    static final String CHILDREN_OUTSIDE = """
            WITH reshaped AS MATERIALIZED (
                SELECT f.idx, f.code, f.geom, r.id
                FROM import_feature f JOIN region r ON r.code = f.code
                WHERE f.geom_valid AND GeometryType(f.geom) IN ('POLYGON', 'MULTIPOLYGON')
                  AND r.boundary IS DISTINCT FROM ST_Multi(f.geom)
            ),
            outside AS MATERIALIZED (
                SELECT s.idx, s.code, c.code AS child_code, coalesce(c.boundary, c.position) AS child_geom
                FROM reshaped s JOIN region c ON c.parent_id = s.id
                WHERE NOT EXISTS (SELECT 1 FROM import_feature fc WHERE fc.code = c.code)
                  AND NOT ST_CoveredBy(coalesce(c.boundary, c.position), s.geom)
            ),
            zones AS MATERIALIZED (
                SELECT s.idx, ST_Buffer(s.geom::geography, $1)::geometry AS zone
                FROM reshaped s WHERE s.idx IN (SELECT idx FROM outside)
            )
            SELECT o.idx, o.code, min(o.child_code) AS a1, NULL AS a2, NULL AS a3
            FROM outside o JOIN zones z ON z.idx = o.idx
            WHERE NOT ST_CoveredBy(o.child_geom, z.zone)
            GROUP BY o.idx, o.code""";

    /**
     * Ids: the tree's for codes it has, fresh ones from the region sequence for the others, handed out parents
     * first and in file order (so siblings keep the order of the file).
     */
    static final String ASSIGN_IDS = """
            UPDATE import_feature f SET region_id = coalesce(s.id, s.fresh_id), existed = s.id IS NOT NULL
            FROM (SELECT o.idx, o.id, CASE WHEN o.id IS NULL THEN nextval('region_id_seq') END AS fresh_id
                  FROM (SELECT c.idx, r.id FROM import_feature c LEFT JOIN region r ON r.code = c.code
                        ORDER BY c.depth, c.idx) o) s
            WHERE s.idx = f.idx""";

    /** Stored geometry, parent id and write order (parents first) of every feature. */
    static final String RESOLVE = """
            UPDATE import_feature f
            SET boundary = s.boundary,
                position = CASE WHEN s.boundary IS NULL THEN f.geom ELSE ST_PointOnSurface(s.boundary) END,
                parent_id = s.parent_id,
                seq = s.seq
            FROM (SELECT c.idx,
                         CASE WHEN GeometryType(c.geom) IN ('POLYGON', 'MULTIPOLYGON') THEN ST_Multi(c.geom) END
                             AS boundary,
                         coalesce(p.region_id, r.id) AS parent_id,
                         row_number() OVER (ORDER BY c.depth, c.idx) AS seq
                  FROM import_feature c
                  LEFT JOIN import_feature p ON p.code = c.parent_code
                  LEFT JOIN region r ON p.code IS NULL AND r.code = c.parent_code) s
            WHERE s.idx = f.idx""";

    static final String INDEX_SEQ = "CREATE INDEX ON import_feature (seq)";

    /** $1 = depth: paths of one level, from parents computed before (file) or stored (tree). */
    static final String PATHS = """
            UPDATE import_feature f
            SET path = CASE WHEN f.depth = 1 THEN text2ltree(f.region_id::text)
                            ELSE s.parent_path || text2ltree(f.region_id::text) END
            FROM (SELECT c.idx, coalesce(p.path, r.path) AS parent_path
                  FROM import_feature c
                  LEFT JOIN import_feature p ON p.code = c.parent_code
                  LEFT JOIN region r ON p.code IS NULL AND r.code = c.parent_code
                  WHERE c.depth = $1) s
            WHERE s.idx = f.idx""";

    /** Existing nodes the file changes in any way (the tree's version moves only for those). */
    static final String MARK_CHANGED = """
            UPDATE import_feature f SET changed = true, moved = r.parent_id IS DISTINCT FROM f.parent_id
            FROM region r LEFT JOIN party_org o ON o.region_id = r.id
            WHERE f.existed AND r.id = f.region_id
              AND ((r.name, r.level, r.parent_id, r.path, r.attributes, o.kind, o.name, o.secretary_name)
                       IS DISTINCT FROM
                   (f.name, f.level, f.parent_id, f.path, f.attributes, f.party_kind, f.party_name, f.party_secretary)
                   OR r.boundary IS DISTINCT FROM f.boundary
                   OR r.position IS DISTINCT FROM f.position)""";

    static final String COUNTS = """
            SELECT count(*) FILTER (WHERE NOT existed) AS created,
                   count(*) FILTER (WHERE changed) AS updated,
                   count(*) FILTER (WHERE moved) AS moved
            FROM import_feature""";

    /** $1, $2 = seq range. */
    static final String WRITE_REGIONS = """
            INSERT INTO region AS r (id, code, name, level, parent_id, path, boundary, position, attributes)
            SELECT region_id, code, name, level, parent_id, path, boundary, position, attributes
            FROM import_feature
            WHERE seq BETWEEN $1 AND $2 AND (NOT existed OR changed)
            ORDER BY seq
            ON CONFLICT (code) DO UPDATE
            SET name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id, path = EXCLUDED.path,
                boundary = EXCLUDED.boundary, position = EXCLUDED.position, attributes = EXCLUDED.attributes,
                version = r.version + 1, updated_at = now()""";

    /** $1, $2 = seq range. */
    static final String WRITE_PARTY_ORGS = """
            INSERT INTO party_org AS o (region_id, kind, name, secretary_name)
            SELECT region_id, party_kind, party_name, party_secretary
            FROM import_feature
            WHERE seq BETWEEN $1 AND $2 AND (NOT existed OR changed)
            ON CONFLICT (region_id) DO UPDATE
            SET kind = EXCLUDED.kind, name = EXCLUDED.name, secretary_name = EXCLUDED.secretary_name, updated_at = now()
            WHERE (o.kind, o.name, o.secretary_name)
                  IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.secretary_name)""";

    /**
     * $1 = level. After a node moved, the paths below it follow, level by level from the top; this also
     * covers nodes of the file whose path went through a node the file did not bring.
     */
    static final String FOLLOW_MOVES = """
            UPDATE region c SET path = p.path || text2ltree(c.id::text)
            FROM region p
            WHERE c.parent_id = p.id AND c.level = $1 AND c.path <> p.path || text2ltree(c.id::text)""";
}
