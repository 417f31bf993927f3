package cn.gridgov.region.importing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a scoped admin's import inside their subtree: every feature must hang under a node of the scope
 * (its parent is in the scope, or in the file and itself checked), and may not touch an existing node outside
 * it. A root feature (a county) passes only when it is the admin's own existing root, so a town admin cannot
 * change a county, and nobody creates a second one (the import's one-county check says so). One set-based
 * query over the file's codes.
 */
final class ImportScope {

    /** $1 codes, $2 parent codes, $3 indexes (parallel arrays), $4 the scope path. */
    private static final String OUTSIDE = """
            WITH f AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS t(code, parent_code, idx))
            SELECT DISTINCT f.idx, f.code
            FROM f
            LEFT JOIN region self ON self.code = f.code
            LEFT JOIN region tree_parent ON tree_parent.code = f.parent_code
                 AND NOT EXISTS (SELECT 1 FROM f fp WHERE fp.code = f.parent_code)
            WHERE (self.id IS NOT NULL AND NOT self.path <@ $4::ltree)
               OR (f.parent_code IS NULL AND self.id IS NOT NULL AND self.path <> $4::ltree)
               -- a new root: left to the one-county check when the tree has its county, refused here otherwise
               OR (f.parent_code IS NULL AND self.id IS NULL
                   AND NOT EXISTS (SELECT 1 FROM region c WHERE c.level = 'COUNTY'))
               OR (tree_parent.id IS NOT NULL AND NOT tree_parent.path <@ $4::ltree)
            ORDER BY f.idx""";

    private ImportScope() {
    }

    /**
     * Fails with {@link ImportRejected} listing every feature outside {@code scope}. A file that reading already
     * refused is left to the import's own checks, which list all its problems (and write nothing).
     */
    static Uni<Void> check(Pool pool, FeatureReader.Parsed parsed, String scope) {
        List<ImportFeature> features = parsed.features().stream().filter(f -> f.code() != null).toList();
        if (features.isEmpty() || !parsed.problems().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] codes = features.stream().map(ImportFeature::code).toArray(String[]::new);
        String[] parents = features.stream().map(ImportFeature::parentCode).toArray(String[]::new);
        Integer[] indexes = features.stream().map(ImportFeature::index).toArray(Integer[]::new);
        return pool.preparedQuery(OUTSIDE).execute(Tuple.of(codes, parents, indexes, scope)).invoke(rows -> {
            List<FeatureProblem> problems = new ArrayList<>();
            rows.forEach(r -> problems.add(FeatureProblem.of(r.getInteger("idx"), r.getString("code"),
                    ImportReason.OUT_OF_SCOPE)));
            if (!problems.isEmpty()) {
                throw new ImportRejected(problems);
            }
        }).replaceWithVoid();
    }
}
