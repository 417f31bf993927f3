package cn.gridgov.region.importing;

import cn.gridgov.common.geo.CoordType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The {@code region_import} rows: one per import, the job state clients poll. */
@ApplicationScoped
class ImportJobRepository {

    private static final TypeReference<List<FeatureProblem>> PROBLEMS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    ImportJobRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A stored import and its refused features (both languages). */
    record Job(UUID id, String state, String phase, String coordType, int total, int loaded, int processed,
               int created, int updated, List<FeatureProblem> problems, String message, Importer importer) {

        ImportSummary summary(boolean english) {
            return new ImportSummary(id, state, phase, coordType, total, loaded, processed, created, updated,
                    problems.stream().map(p -> p.in(english)).toList(), message);
        }
    }

    Uni<UUID> createPending(CoordType coordType, int total, Importer importer) {
        return pool.preparedQuery("""
                        INSERT INTO region_import (state, phase, coord_type, total, importer_user_id, importer_path,
                                                   importer_rank)
                        VALUES ('PENDING', 'LOADING', $1, $2, $3, $4::text::ltree, $5)
                        RETURNING id""")
                .execute(Tuple.of(coordType.name(), total, importer.userId(), importer.path(), importer.rank()))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    /** A short transaction of its own, so the progress shows while the import's transaction runs. */
    Uni<Void> progress(UUID id, String phase, Integer loaded, Integer processed) {
        return pool.preparedQuery("""
                        UPDATE region_import
                        SET state = 'RUNNING', phase = coalesce($2, phase), loaded = coalesce($3, loaded),
                            processed = coalesce($4, processed)
                        WHERE id = $1 AND state IN ('PENDING', 'RUNNING')""")
                .execute(Tuple.of(id, phase, loaded, processed))
                .replaceWithVoid();
    }

    /** Inside the import's own transaction, so the tree and the SUCCEEDED state commit together. */
    Uni<UUID> succeeded(SqlClient tx, UUID jobId, CoordType coordType, Importer importer, ImportRun.Outcome outcome) {
        if (jobId == null) {
            return tx.preparedQuery("""
                            INSERT INTO region_import (state, phase, coord_type, total, loaded, processed, created,
                                                       updated, finished_at, importer_user_id, importer_path,
                                                       importer_rank)
                            VALUES ('SUCCEEDED', 'DONE', $1, $2, $2, $2, $3, $4, now(), $5, $6::text::ltree, $7)
                            RETURNING id""")
                    .execute(Tuple.from(List.of(coordType.name(), outcome.total(), outcome.created(),
                            outcome.updated()))
                            .addValue(importer.userId()).addValue(importer.path()).addValue(importer.rank()))
                    .map(rows -> rows.iterator().next().getUUID("id"));
        }
        return tx.preparedQuery("""
                        UPDATE region_import
                        SET state = 'SUCCEEDED', phase = 'DONE', total = $2, loaded = $2, processed = $2,
                            created = $3, updated = $4, finished_at = now()
                        WHERE id = $1""")
                .execute(Tuple.of(jobId, outcome.total(), outcome.created(), outcome.updated()))
                .replaceWith(jobId);
    }

    Uni<Void> failed(UUID id, List<FeatureProblem> problems, String message) {
        return pool.preparedQuery("""
                        UPDATE region_import SET state = 'FAILED', errors = $2::text::jsonb, message = $3, finished_at = now()
                        WHERE id = $1""")
                .execute(Tuple.of(id, write(problems), message))
                .replaceWithVoid();
    }

    Uni<Job> find(UUID id) {
        return pool.preparedQuery("""
                        SELECT id, state, phase, coord_type, total, loaded, processed, created, updated,
                               errors::text AS errors, message, importer_user_id, importer_path::text AS importer_path,
                               importer_rank
                        FROM region_import WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toJob(rows.iterator().next()));
    }

    /**
     * Marks FAILED the jobs no process is running any more (interrupted by a restart or a crash): a running job
     * holds its advisory lock for as long as its transaction lives, so only orphans let us take it. Runs in the
     * caller's transaction.
     */
    Uni<Integer> failInterrupted(SqlClient tx) {
        return tx.query("""
                        UPDATE region_import
                        SET state = 'FAILED', finished_at = now(),
                            message = 'interrupted by a restart before it finished; nothing was written'
                        WHERE state IN ('PENDING', 'RUNNING')
                          AND pg_try_advisory_xact_lock(26469, hashtext(id::text))""")
                .execute()
                .map(rows -> rows.rowCount());
    }

    private Job toJob(Row row) {
        return new Job(row.getUUID("id"), row.getString("state"), row.getString("phase"),
                row.getString("coord_type").toLowerCase(Locale.ROOT), row.getInteger("total"),
                row.getInteger("loaded"), row.getInteger("processed"), row.getInteger("created"),
                row.getInteger("updated"), read(row.getString("errors")), row.getString("message"),
                new Importer(row.getLong("importer_user_id"), row.getString("importer_path"),
                        row.getInteger("importer_rank")));
    }

    private String write(List<FeatureProblem> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<FeatureProblem> read(String text) {
        try {
            return json.readValue(text, PROBLEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
