package cn.gridgov.things.facility;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.security.Actor;
import cn.gridgov.things.facility.FacilityFile.Row;
import cn.gridgov.common.imports.RowProblem;
import cn.gridgov.things.facility.FacilityRepository.Placed;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk import of facilities from GeoJSON or CSV, all or nothing: every row is checked (fields, place, scope,
 * codes unique in the file and in the county) and the first problem of any row refuses the whole file with a
 * row-by-row report in Chinese ({@link FacilityImportRejected}); otherwise all rows are written in one transaction.
 */
@ApplicationScoped
public class FacilityImports {

    private final Pool pool;
    private final FacilityRepository facilities;
    private final FacilityCatalog catalog;
    private final FacilityService service;
    private final ObjectMapper json;
    private final Clock clock;

    public FacilityImports(Pool pool, FacilityRepository facilities, FacilityCatalog catalog, FacilityService service,
                           ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.facilities = facilities;
        this.catalog = catalog;
        this.service = service;
        this.json = json;
        this.clock = clock;
    }

    /** What an import wrote. */
    @Schema(name = "FacilityImportResult")
    public record Imported(int imported) {
    }

    /** Imports a GeoJSON ({@code csv} false) or CSV file; positions in {@code coordType} (default wgs84). */
    public Uni<Imported> importFile(Actor actor, byte[] bytes, boolean csv, String coordType) {
        CoordType type = CoordType.parse(coordType, CoordType.WGS84);
        String typeName = type.name().toLowerCase();
        List<Row> rows = csv ? FacilityFile.csv(bytes, typeName) : FacilityFile.geoJson(bytes, json, typeName);
        if (rows.isEmpty()) {
            throw FacilityFile.badFile("没有任何数据行", "there are no rows");
        }
        return catalog.load().chain(lookups -> {
            List<RowProblem> problems = new ArrayList<>();
            Map<String, Integer> codeRow = new HashMap<>();
            List<Checked> checked = new ArrayList<>();
            for (Row row : rows) {
                String code = FacilityCheck.blankToNull(row.request().code());
                row.unreadable().forEach(p -> problems.add(problem(row, code, p.field(), p.zh(), p.en())));
                FacilityCheck.Result result = FacilityCheck.check(row.request(), lookups, type);
                result.problems().stream()
                        .filter(p -> row.unreadable().stream().noneMatch(u -> u.field().equals(p.field())
                                || "location".equals(p.field()) && ("lng".equals(u.field()) || "lat".equals(u.field()))))
                        .forEach(p -> problems.add(problem(row, code, p.field(), p.zh(), p.en())));
                if (code != null) {
                    Integer first = codeRow.putIfAbsent(code, row.number());
                    if (first != null) {
                        problems.add(problem(row, code, "code", "编码 " + code + " 在文件中重复（第 " + first + " 行已使用）",
                                "code " + code + " is used twice in the file (first on row " + first + ")"));
                    }
                }
                if (result.draft() != null && row.unreadable().isEmpty()) {
                    checked.add(new Checked(row, result.draft()));
                }
            }
            List<String> codes = new ArrayList<>(codeRow.keySet());
            return facilities.codesTaken(pool, codes, null).chain(taken -> {
                for (Checked c : checked) {
                    if (c.draft().code() != null && taken.contains(c.draft().code())) {
                        problems.add(problem(c.row(), c.draft().code(), "code", "编码已被已有部件使用：" + c.draft().code(),
                                "code " + c.draft().code() + " is used by an existing facility"));
                    }
                }
                return Multi.createFrom().iterable(checked)
                        .onItem().transformToUniAndConcatenate(c -> service.place(actor, c.draft().wgs84())
                                .map(place -> new Located(c, place)))
                        .collect().asList();
            }).chain(located -> {
                List<Placed> placed = new ArrayList<>();
                for (Located l : located) {
                    if (l.place().problem() != null) {
                        FacilityService.PlaceProblem p = l.place().problem();
                        problems.add(problem(l.checked().row(), l.checked().draft().code(), "location", p.zh(), p.en()));
                    } else {
                        placed.add(new Placed(l.checked().draft(), l.place().regionId()));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new FacilityImportRejected(problems);
                }
                Instant now = clock.instant();
                return pool.withTransaction(tx -> facilities.insertAll(tx, placed, actor.userId(), now))
                        .onFailure(PgException.class).transform(FacilityService::codeRace)
                        .map(v -> new Imported(placed.size()));
            });
        });
    }

    private record Checked(Row row, FacilityCheck.Draft draft) {
    }

    private record Located(Checked checked, FacilityService.Place place) {
    }

    private static RowProblem problem(Row row, String code, String field, String zh, String en) {
        return RowProblem.at(row.number(), code, field, zh, en);
    }
}
