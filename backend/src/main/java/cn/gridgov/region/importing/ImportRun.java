package cn.gridgov.region.importing;

import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionPathCopies;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static cn.gridgov.region.importing.ImportStatements.*;

/**
 * One import inside one transaction on one connection: load the features into the staging table in batches,
 * check them all, then write the tree in batches, and bring along the rows of other domains that copy the paths
 * of nodes it moved ({@link RegionPathCopies}). Fails with {@link ImportRejected} (so the transaction rolls
 * back) when any feature is refused.
 */
final class ImportRun {

    private static final Logger LOG = Logger.getLogger(ImportRun.class);

    /** Where a job reports how far it got; each report is its own short transaction, outside this one. */
    interface Progress {
        Uni<Void> phase(String phase);

        Uni<Void> loaded(int loaded);

        Uni<Void> processed(int processed);

        Progress NONE = new Progress() {
            public Uni<Void> phase(String phase) {
                return Uni.createFrom().voidItem();
            }

            public Uni<Void> loaded(int loaded) {
                return Uni.createFrom().voidItem();
            }

            public Uni<Void> processed(int processed) {
                return Uni.createFrom().voidItem();
            }
        };
    }

    /** What the import did. */
    record Outcome(int total, int created, int updated) {
    }

    private final SqlConnection conn;
    private final FeatureReader.Parsed parsed;
    private final UUID jobId;
    private final int batchSize;
    private final double toleranceMetres;
    private final Progress progress;
    private final List<RegionPathCopies> copies;

    ImportRun(SqlConnection conn, FeatureReader.Parsed parsed, UUID jobId, int batchSize, double toleranceMetres,
              Progress progress, List<RegionPathCopies> copies) {
        this.conn = conn;
        this.parsed = parsed;
        this.jobId = jobId;
        this.batchSize = batchSize;
        this.toleranceMetres = toleranceMetres;
        this.progress = progress;
        this.copies = copies;
    }

    Uni<Outcome> execute() {
        return lock()
                .chain(this::stage)
                .chain(this::check)
                .chain(this::write);
    }

    private Uni<Void> lock() {
        Uni<Void> job = jobId == null ? Uni.createFrom().voidItem() : run(LOCK_JOB, Tuple.of(jobId.toString()));
        return job.chain(() -> run(LOCK_IMPORTS)).chain(() -> run(QUIET)).chain(() -> run(MEMORY));
    }

    private Uni<Void> stage() {
        List<ImportFeature> features = parsed.features();
        int[] seqByIndex = writeOrder(parsed);
        return progress.phase("LOADING")
                .chain(() -> run(CREATE_STAGING))
                .chain(() -> run(INDEX_PARENTS))
                .chain(() -> Multi.createFrom().range(0, batchCount(features.size()))
                        .onItem().transformToUniAndConcatenate(batch -> {
                            int from = batch * batchSize;
                            int to = Math.min(features.size(), from + batchSize);
                            return timed(LOAD, conn.preparedQuery(LOAD).execute(loadArgs(features.subList(from, to), seqByIndex)))
                                    .chain(() -> progress.loaded(to));
                        })
                        .collect().last())
                .chain(() -> run(ANALYZE));
    }

    private Uni<Void> check() {
        List<FeatureProblem> problems = new ArrayList<>(parsed.problems());
        String tolerance = formatMetres(toleranceMetres);
        return progress.phase("CHECKING")
                .chain(() -> collect(INVALID_GEOMETRIES, Tuple.tuple(), problems,
                        r -> FeatureProblem.of(idx(r), code(r), ImportReason.INVALID_GEOMETRY, r.getString("a1"))))
                .chain(() -> collect(UNKNOWN_PARENTS, Tuple.tuple(), problems,
                        r -> FeatureProblem.of(idx(r), code(r), ImportReason.UNKNOWN_PARENT, r.getString("a1"))))
                .chain(() -> collect(SECOND_COUNTIES, Tuple.tuple(), problems,
                        r -> FeatureProblem.of(idx(r), code(r), ImportReason.SECOND_COUNTY, r.getString("a1"))))
                .chain(() -> collect(LEVEL_MISMATCHES, Tuple.tuple(), problems,
                        r -> FeatureProblem.of(idx(r), code(r), ImportReason.LEVEL_MISMATCH, level(r, "a1"),
                                level(r, "a2"), r.getString("a3"))))
                .chain(() -> collect(CHILDREN_LEVELS, Tuple.tuple(), problems,
                        r -> FeatureProblem.of(idx(r), code(r), ImportReason.CHILDREN_LEVEL, level(r, "a1"),
                                r.getString("a2"))))
                .chain(() -> !problems.isEmpty()
                        ? collect(CYCLES, Tuple.tuple(), problems,
                                r -> FeatureProblem.of(idx(r), code(r), ImportReason.CYCLE))
                        : Uni.createFrom().voidItem())
                .chain(() -> collect(OUTSIDE_PARENTS, Tuple.of(toleranceMetres), problems,
                        r -> FeatureProblem.of(idx(r), code(r), ImportReason.OUTSIDE_PARENT, r.getString("a1"),
                                tolerance)))
                .chain(() -> collect(CHILDREN_OUTSIDE, Tuple.of(toleranceMetres), problems,
                        r -> FeatureProblem.of(idx(r), code(r), ImportReason.CHILD_OUTSIDE, r.getString("a1"),
                                tolerance)))
                .invoke(() -> {
                    if (!problems.isEmpty()) {
                        throw new ImportRejected(ordered(problems));
                    }
                });
    }

    private Uni<Outcome> write() {
        int staged = parsed.features().size();
        Uni<Void> prepare = progress.phase("WRITING")
                .chain(() -> run(NODES))
                .chain(() -> run(INDEX_NODES))
                .chain(() -> run(ANALYZE_NODES))
                .chain(() -> run(MARK_CHANGED));
        return prepare
                .chain(() -> conn.query(COUNTS).execute())
                .map(rows -> rows.iterator().next())
                .chain(counts -> movedFrom(counts.getLong("moved") > 0).chain(movedFrom -> Multi.createFrom()
                        .range(0, batchCount(staged))
                        .onItem().transformToUniAndConcatenate(batch -> {
                            int from = batch * batchSize + 1;
                            int to = Math.min(staged, from + batchSize - 1);
                            Tuple range = Tuple.of(from, to);
                            return run(WRITE_REGIONS, range)
                                    .chain(() -> run(WRITE_PARTY_ORGS, range))
                                    .chain(() -> progress.processed(to));
                        })
                        .collect().last()
                        .chain(() -> movedFrom.isEmpty() ? Uni.createFrom().voidItem() : followMoves(movedFrom))
                        .map(x -> new Outcome(parsed.total(), counts.getLong("created").intValue(),
                                counts.getLong("updated").intValue()))));
    }

    /** The paths the moved nodes have before the tree is written (none when nothing moves). */
    private Uni<List<String>> movedFrom(boolean anyMoved) {
        if (!anyMoved) {
            return Uni.createFrom().item(List.of());
        }
        return conn.query(MOVED_FROM).execute().map(rows -> {
            List<String> paths = new ArrayList<>();
            rows.forEach(r -> paths.add(r.getString("path")));
            return paths;
        });
    }

    /** The paths below the moved nodes, level by level from the top, then every copy of them elsewhere. */
    private Uni<Void> followMoves(List<String> movedFrom) {
        return Multi.createFrom().items(RegionLevel.TOWN, RegionLevel.COMMUNITY, RegionLevel.COMPOUND,
                        RegionLevel.BUILDING)
                .onItem().transformToUniAndConcatenate(level -> run(FOLLOW_MOVES, Tuple.of(level.name())))
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(copies)
                        .onItem().transformToUniAndConcatenate(copy -> copy.follow(conn, movedFrom))
                        .collect().last())
                .replaceWithVoid();
    }

    /** By feature index; a feature in a cycle is not also reported for the level mismatch the cycle implies. */
    private static List<FeatureProblem> ordered(List<FeatureProblem> problems) {
        Set<Integer> inCycle = new HashSet<>();
        problems.stream().filter(p -> p.kind() == ImportReason.CYCLE).forEach(p -> inCycle.add(p.index()));
        return problems.stream()
                .filter(p -> !(p.kind() == ImportReason.LEVEL_MISMATCH && inCycle.contains(p.index())))
                .sorted(Comparator.comparingInt(FeatureProblem::index).thenComparing(FeatureProblem::kind))
                .toList();
    }

    private Tuple loadArgs(List<ImportFeature> batch, int[] seqByIndex) {
        int n = batch.size();
        Integer[] idx = new Integer[n];
        Integer[] seq = new Integer[n];
        String[][] text = new String[9][n];
        Boolean[] sound = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ImportFeature f = batch.get(i);
            idx[i] = f.index();
            seq[i] = seqByIndex[f.index()];
            text[0][i] = f.code();
            text[1][i] = f.parentCode();
            text[2][i] = f.name();
            text[3][i] = f.level() == null ? null : f.level().name();
            text[4][i] = f.attributesJson();
            text[5][i] = f.partyKind() == null ? null : f.partyKind().name();
            text[6][i] = f.partyName();
            text[7][i] = f.partySecretary();
            text[8][i] = f.geometryHex();
            sound[i] = f.sound();
        }
        return Tuple.from(new Object[] {idx, seq, text[0], text[1], text[2], text[3], text[4], text[5], text[6],
                text[7], text[8], sound});
    }

    /** The write order, parents first (by level, then file order), as a position from 1 by feature index. */
    private static int[] writeOrder(FeatureReader.Parsed parsed) {
        int[] seqByIndex = new int[parsed.total()];
        List<ImportFeature> ordered = new ArrayList<>(parsed.features());
        ordered.sort(Comparator.comparingInt((ImportFeature f) -> f.level() == null ? 99 : f.level().depth())
                .thenComparingInt(ImportFeature::index));
        for (int i = 0; i < ordered.size(); i++) {
            seqByIndex[ordered.get(i).index()] = i + 1;
        }
        return seqByIndex;
    }

    private Uni<Void> collect(String sql, Tuple args, List<FeatureProblem> into,
                              Function<Row, FeatureProblem> toProblem) {
        return timed(sql, conn.preparedQuery(sql).execute(args))
                .invoke(rows -> rows.forEach(r -> into.add(toProblem.apply(r))))
                .replaceWithVoid();
    }

    private Uni<Void> run(String sql) {
        return timed(sql, conn.query(sql).execute()).replaceWithVoid();
    }

    private Uni<Void> run(String sql, Tuple args) {
        return timed(sql, conn.preparedQuery(sql).execute(args)).replaceWithVoid();
    }

    /** Statement timings at DEBUG, to see where a large import spends its time. */
    private static <T> Uni<T> timed(String sql, Uni<T> statement) {
        if (!LOG.isDebugEnabled()) {
            return statement;
        }
        String label = sql.strip().replaceAll("\\s+", " ");
        String shortLabel = label.substring(0, Math.min(100, label.length()));
        long[] started = new long[1];
        return statement.onSubscription().invoke(() -> started[0] = System.nanoTime())
                .invoke(x -> LOG.debugf("%d ms: %s", (System.nanoTime() - started[0]) / 1_000_000, shortLabel));
    }

    private int batchCount(int size) {
        return Math.max(1, (size + batchSize - 1) / batchSize);
    }

    private static int idx(Row row) {
        return row.getInteger("idx");
    }

    private static String code(Row row) {
        return row.getString("code");
    }

    private static RegionLevel level(Row row, String column) {
        return RegionLevel.fromName(row.getString(column));
    }

    private static String formatMetres(double metres) {
        return metres == Math.rint(metres) ? String.valueOf((long) metres) : String.valueOf(metres);
    }
}
