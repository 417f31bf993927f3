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
                seq             integer NOT NULL UNIQUE,
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
                boundary        geometry(MultiPolygon, 4326),
                position        geometry(Point, 4326),
                region_id       bigint  NOT NULL,
                existed         boolean NOT NULL,
                changed         boolean NOT NULL DEFAULT false,
                moved           boolean NOT NULL DEFAULT false
            ) ON COMMIT DROP""";

    static final String INDEX_PARENTS = "CREATE INDEX ON import_feature (parent_code)";

    /**
     * $1..$12: arrays of index, write order (parents first), code, parent code, name, level, attributes, party
     * kind/name/secretary, EWKB hex, and whether reading found it sound. Everything that depends on the feature
     * alone is computed here, once: validity, stored boundary and position, and the id: the tree's when it has
     * the code, else a fresh one in file order. (OFFSET 0 keeps each function from being evaluated once per use.)
     */
    static final String LOAD = """
            INSERT INTO import_feature (idx, seq, code, parent_code, name, level, depth, attributes, party_kind,
                                        party_name, party_secretary, geom, sound, geom_valid, boundary, position,
                                        region_id, existed)
            SELECT k.idx, k.seq, k.code, k.parent_code, k.name, k.level,
                   array_position(ARRAY['COUNTY', 'TOWN', 'COMMUNITY', 'COMPOUND', 'BUILDING'], k.level),
                   k.attributes::jsonb, k.party_kind, k.party_name, k.party_secretary, k.geom, k.sound, v.valid,
                   v.boundary,
                   CASE WHEN v.boundary IS NOT NULL THEN ST_PointOnSurface(v.boundary)
                        WHEN v.valid AND GeometryType(k.geom) = 'POINT' THEN k.geom END,
                   coalesce(k.id, nextval('region_id_seq')), k.id IS NOT NULL
            FROM (SELECT t.*, t.geom_hex::geometry AS geom, r.id
                  FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::text[], $10::text[], $11::text[], $12::bool[])
                       AS t(idx, seq, code, parent_code, name, level, attributes, party_kind, party_name,
                            party_secretary, geom_hex, sound)
                  LEFT JOIN region r ON r.code = t.code
                  ORDER BY t.idx
                  OFFSET 0) k
            CROSS JOIN LATERAL (SELECT s.valid,
                                       CASE WHEN s.valid AND GeometryType(k.geom) IN ('POLYGON', 'MULTIPOLYGON')
                                            THEN ST_Multi(k.geom) END AS boundary
                                FROM (SELECT ST_IsValid(k.geom) AS valid OFFSET 0) s
                                OFFSET 0) v""";

    static final String ANALYZE = "ANALYZE import_feature";

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
     * Parent ids and paths of all features in one pass down the file's forest: from the features whose parent
     * is the tree's (or the county) to their children in the file. Inserted into a narrow table of its own:
     * much cheaper than updating every staged row.
     */
    static final String NODES = """
            CREATE TEMP TABLE import_node ON COMMIT DROP AS
            WITH RECURSIVE tree (idx, code, region_id, parent_id, path) AS (
                SELECT f.idx, f.code, f.region_id, r.id,
                       CASE WHEN f.parent_code IS NULL THEN text2ltree(f.region_id::text)
                            ELSE r.path || text2ltree(f.region_id::text) END
                FROM import_feature f
                LEFT JOIN region r ON r.code = f.parent_code
                WHERE f.parent_code IS NULL
                   OR NOT EXISTS (SELECT 1 FROM import_feature p WHERE p.code = f.parent_code)
              UNION ALL
                SELECT c.idx, c.code, c.region_id, t.region_id, t.path || text2ltree(c.region_id::text)
                FROM tree t JOIN import_feature c ON c.parent_code = t.code
            )
            SELECT idx, parent_id, path FROM tree""";

    static final String INDEX_NODES = "CREATE UNIQUE INDEX ON import_node (idx)";
    static final String ANALYZE_NODES = "ANALYZE import_node";

    /** Existing nodes the file changes in any way (the tree's version moves only for those). */
    static final String MARK_CHANGED = """
            UPDATE import_feature f SET changed = true, moved = r.parent_id IS DISTINCT FROM n.parent_id
            FROM import_node n, region r LEFT JOIN party_org o ON o.region_id = r.id
            WHERE f.existed AND n.idx = f.idx AND r.id = f.region_id
              AND ((r.name, r.level, r.parent_id, r.path, r.attributes, o.kind, o.name, o.secretary_name)
                       IS DISTINCT FROM
                   (f.name, f.level, n.parent_id, n.path, f.attributes, f.party_kind, f.party_name, f.party_secretary)
                   OR r.boundary IS DISTINCT FROM f.boundary
                   OR r.position IS DISTINCT FROM f.position)""";

    static final String COUNTS = """
            SELECT count(*) FILTER (WHERE NOT existed) AS created,
                   count(*) FILTER (WHERE changed) AS updated,
                   count(*) FILTER (WHERE moved) AS moved
            FROM import_feature""";

    /** The paths of the nodes the file moves, as the tree has them before it is written. */
    static final String MOVED_FROM = """
            SELECT ltree2text(r.path) AS path FROM import_feature f JOIN region r ON r.id = f.region_id
            WHERE f.moved""";

    /** $1, $2 = seq range. */
    static final String WRITE_REGIONS = """
            INSERT INTO region AS r (id, code, name, level, parent_id, path, boundary, position, attributes)
            SELECT f.region_id, f.code, f.name, f.level, n.parent_id, n.path, f.boundary, f.position, f.attributes
            FROM import_feature f JOIN import_node n ON n.idx = f.idx
            WHERE f.seq BETWEEN $1 AND $2 AND (NOT f.existed OR f.changed)
            ORDER BY f.seq
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
            SET kind = EXCLUDED.kind, name = EXCLUDED.name, secretary_name = EXCLUDED.secretary_name,
                version = o.version + 1, updated_at = now()
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
