package cn.gridgov.region.importing;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.security.Actor;
import cn.gridgov.region.LocateIndex;
import cn.gridgov.region.RegionConfig;
import cn.gridgov.region.RegionPathCopies;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Imports GeoJSON into the region tree, all or nothing: small files in the request, large ones as a job whose
 * progress clients poll. Imports run one at a time (an advisory lock), so each checks against a stable tree.
 */
@ApplicationScoped
public class RegionImportService {

    private static final Logger LOG = Logger.getLogger(RegionImportService.class);

    private final Pool pool;
    private final ImportJobRepository jobs;
    private final RegionConfig config;
    private final ObjectMapper json;
    private final List<RegionPathCopies> copies;
    private final LocateIndex locator;

    public RegionImportService(Pool pool, ImportJobRepository jobs, RegionConfig config, ObjectMapper json,
                               Instance<RegionPathCopies> copies, LocateIndex locator) {
        this.pool = pool;
        this.jobs = jobs;
        this.config = config;
        this.json = json;
        this.copies = copies.stream().toList();
        this.locator = locator;
    }

    /** The outcome of a small import (SUCCEEDED), or a PENDING job for a large one; 422 when refused. */
    public Uni<ImportSummary> submit(byte[] body, CoordType coordType) {
        return submit(body, coordType, null);
    }

    /**
     * As {@link #submit(byte[], CoordType)}, for an admin (null: the system, unrestricted): the import stays in
     * their scope, and its job is theirs and their superiors' to see.
     */
    public Uni<ImportSummary> submit(byte[] body, CoordType coordType, Actor importer) {
        String scope = importer == null ? null : importer.scopePath();
        Importer owner = Importer.of(importer);
        return Uni.createFrom().item(() -> FeatureReader.read(body, coordType, json))
                // reading up to ~100 MB of JSON is CPU work: keep it off the event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .call(parsed -> scope == null ? Uni.createFrom().voidItem() : ImportScope.check(pool, parsed, scope))
                .chain(parsed -> parsed.total() > config.importJobThreshold()
                        ? startJob(parsed, coordType, owner)
                        : run(parsed, coordType, null, owner, ImportRun.Progress.NONE));
    }

    /** A stored import for the system itself (first start), or {@code null}. */
    public Uni<ImportSummary> find(UUID id, boolean english) {
        return jobs.find(id).map(job -> job == null ? null : job.summary(english));
    }

    /**
     * A stored import in the caller's language, or {@code null} when it does not exist or is not the viewer's to
     * see: only the importer and admins who oversee them (strictly higher rank, the importer's node in their
     * scope) see a job; the system's own imports are seen by county admins.
     */
    public Uni<ImportSummary> find(UUID id, Actor viewer, boolean english) {
        return jobs.find(id).map(job -> job == null || !job.importer().visibleTo(viewer) ? null : job.summary(english));
    }

    /** Marks FAILED the jobs a restart interrupted; answers how many. */
    public Uni<Integer> failInterruptedJobs() {
        return pool.withTransaction(jobs::failInterrupted);
    }

    private Uni<ImportSummary> startJob(FeatureReader.Parsed parsed, CoordType coordType, Importer owner) {
        return jobs.createPending(coordType, parsed.total(), owner).invoke(id -> {
            LOG.infof("import %s: %d features, running as a job", id, parsed.total());
            run(parsed, coordType, id, owner, progressOf(id))
                    .onFailure().call(e -> recordFailure(id, e))
                    .subscribe().with(
                            summary -> LOG.infof("import %s succeeded: %d created, %d updated", id,
                                    summary.created(), summary.updated()),
                            e -> LOG.warnf("import %s failed: %s", id, e.getMessage()));
        }).map(id -> new ImportSummary(id, "PENDING", "LOADING", name(coordType), parsed.total(), 0, 0, 0, 0,
                null, null));
    }

    private Uni<ImportSummary> run(FeatureReader.Parsed parsed, CoordType coordType, UUID jobId, Importer owner,
                                   ImportRun.Progress progress) {
        long started = System.nanoTime();
        // this replica's locates read the database from now until a while after the commit (or rollback)
        locator.changedHere();
        return pool.withTransaction(conn -> new ImportRun(conn, parsed, jobId, config.importBatchSize(),
                                config.containmentToleranceMetres(), progress, copies).execute()
                        .chain(outcome -> jobs.succeeded(conn, jobId, coordType, owner, outcome)
                                .map(id -> new ImportSummary(id, "SUCCEEDED", "DONE", name(coordType),
                                        outcome.total(), outcome.total(), outcome.total(), outcome.created(),
                                        outcome.updated(), List.of(), null))))
                .onFailure(PgException.class).transform(RegionImportService::refusedByDatabase)
                .invoke(summary -> LOG.infof("import %s: %d features in %d ms", summary.importId(), summary.total(),
                        (System.nanoTime() - started) / 1_000_000))
                .onTermination().invoke(locator::changedHere);
    }

    /**
     * The checks should leave nothing for the database to refuse; if it still refuses data (a constraint, a
     * value it cannot take), that is the file's fault too: 422, never a 500.
     */
    private static Throwable refusedByDatabase(Throwable e) {
        PgException pg = (PgException) e;
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        if (state.startsWith("22") || state.startsWith("23") || state.startsWith("XX")) {
            LOG.warnf("import refused by the database: %s", pg.getMessage());
            return new Unprocessable("IMPORT_REJECTED",
                    "导入被拒绝，未写入任何数据：数据库拒绝了文件中的数据（" + pg.getErrorMessage() + "）",
                    "Import rejected, nothing was written: the database refused data of the file ("
                            + pg.getErrorMessage() + ")");
        }
        return e;
    }

    private Uni<Void> recordFailure(UUID id, Throwable e) {
        if (e instanceof ImportRejected rejected) {
            return jobs.failed(id, rejected.problems(), null);
        }
        String message = e instanceof DomainException d ? d.message(true)
                : "internal error; nothing was written";
        if (!(e instanceof DomainException)) {
            LOG.errorf(e, "import %s failed", id);
        }
        return jobs.failed(id, List.of(), message);
    }

    private ImportRun.Progress progressOf(UUID id) {
        return new ImportRun.Progress() {
            public Uni<Void> phase(String phase) {
                return jobs.progress(id, phase, null, null);
            }

            public Uni<Void> loaded(int loaded) {
                return jobs.progress(id, null, loaded, null);
            }

            public Uni<Void> processed(int processed) {
                return jobs.progress(id, null, null, processed);
            }
        };
    }

    private static String name(CoordType coordType) {
        return coordType.name().toLowerCase(Locale.ROOT);
    }
}
