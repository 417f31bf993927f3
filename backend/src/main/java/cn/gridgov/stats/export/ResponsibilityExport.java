package cn.gridgov.stats.export;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.department.DepartmentRef;
import cn.gridgov.department.ResponsibilityService;
import cn.gridgov.department.ResponsibilityView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The responsibility list (权责清单, #11 §2) as a file: the current entry of every category, read through the
 * department package, written by the incident exports' CSV and .xlsx writers with Chinese headers. A few hundred
 * rows at most (one per category), so it is read whole before the first byte; blocking (a worker thread).
 */
@ApplicationScoped
public class ResponsibilityExport {

    static final List<String> HEADERS = List.of("分类编码", "分类名称", "牵头部门", "牵头部门编码", "配合部门",
            "法律依据", "报到时限（工作小时）", "版本", "修改人编号", "修改时间");
    static final String SHEET = "权责清单";
    static final String FILE_PREFIX = "权责清单-";
    /** Columns written as numbers in .xlsx. */
    private static final Set<Integer> NUMERIC = Set.of(6, 7, 8);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ResponsibilityService responsibilities;
    private final Clock clock;

    public ResponsibilityExport(ResponsibilityService responsibilities, Clock clock) {
        this.responsibilities = responsibilities;
        this.clock = clock;
    }

    /** An export ready to go: its file names, how many rows, and the body. */
    public record Prepared(String fileName, String asciiFileName, int rows, StreamingOutput body) {
    }

    /** Reads the current list and prepares it in {@code format} (CSV or .xlsx). */
    public Prepared prepare(ExportFormat format) {
        Instant now = clock.instant();
        List<String[]> rows = responsibilities.all().await().atMost(WAIT).stream().map(ResponsibilityExport::cells)
                .toList();
        StreamingOutput body = out -> {
            if (format == ExportFormat.XLSX) {
                XlsxSink sink = new XlsxSink(out);
                sink.begin(SHEET, HEADERS);
                sink.width(1, 20);
                sink.width(4, 30);
                sink.width(5, 60);
                sink.width(9, 20);
                for (String[] row : rows) {
                    sink.textRow(row, NUMERIC);
                }
                sink.end();
            } else {
                CsvSink sink = new CsvSink(out);
                sink.begin(HEADERS);
                for (String[] row : rows) {
                    sink.textRow(row);
                }
                sink.end();
            }
        };
        return new Prepared(IncidentExportService.fileName(FILE_PREFIX, now, format),
                IncidentExportService.fileName("responsibilities-", now, format), rows.size(), body);
    }

    /** One entry's cells, in {@link #HEADERS} order. */
    static String[] cells(ResponsibilityView v) {
        return new String[] {v.categoryCode(), v.categoryName(), v.lead().name(), v.lead().code(),
                v.supporters().stream().map(DepartmentRef::name).collect(Collectors.joining("、")), v.legalBasis(),
                Integer.toString(v.responseHours()), Integer.toString(v.version()), Long.toString(v.changedBy()),
                ExportColumns.time(ApiTime.of(v.changedAt().toInstant()))};
    }
}
