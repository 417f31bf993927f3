package cn.gridgov.stats.export;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * An .xlsx workbook of one sheet written with fastexcel as rows come: strings inline (no shared-strings table
 * growing with the export) and rows flushed to the zip stream every {@link #FLUSH_EVERY}, so memory stays flat.
 * Times are real Excel date cells (Asia/Shanghai wall-clock time), numbers are numbers.
 */
final class XlsxSink implements ExportSink {

    static final String SHEET = "事件";
    private static final int FLUSH_EVERY = 500;
    private static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    private final Workbook workbook;
    private Worksheet sheet;
    private int r;

    XlsxSink(OutputStream stream) {
        this.workbook = new Workbook(stream, "GridGov", "1.0");
    }

    @Override
    public void begin() throws IOException {
        begin(SHEET, ExportColumns.HEADERS);
        sheet.width(ExportColumns.REPORTED_AT, 20);
        sheet.width(ExportColumns.DEADLINE_AT, 20);
        sheet.width(ExportColumns.CLOSED_AT, 20);
        sheet.width(12, 40);
        r = 0;
    }

    /** Before the first row of any table: a sheet named {@code name} with its headers in bold, frozen. */
    void begin(String name, List<String> headers) {
        sheet = workbook.newWorksheet(name);
        for (int c = 0; c < headers.size(); c++) {
            sheet.inlineString(0, c, headers.get(c));
        }
        sheet.range(0, 0, 0, headers.size() - 1).style().bold().set();
        sheet.freezePane(0, 1);
        r = 0;
    }

    /** Sets the width of column {@code c} (in characters). */
    void width(int c, int characters) {
        sheet.width(c, characters);
    }

    /** A row of any table: text cells inline, whole numbers ({@code numeric} columns) as numbers. */
    void textRow(String[] cells, Set<Integer> numeric) throws IOException {
        r++;
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] == null || cells[c].isEmpty()) {
                continue;
            }
            if (numeric.contains(c)) {
                sheet.value(r, c, Long.parseLong(cells[c]));
            } else {
                sheet.inlineString(r, c, cells[c]);
            }
        }
        if (r % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void row(ExportRow row) throws IOException {
        r++;
        String[] cells = ExportColumns.cells(row);
        for (int c = 0; c < cells.length; c++) {
            switch (c) {
                case 0 -> sheet.value(r, c, row.id());
                case ExportColumns.REPORTED_AT -> time(c, row.reportedAt());
                case ExportColumns.DEADLINE_AT -> time(c, row.deadlineAt());
                case ExportColumns.CLOSED_AT -> time(c, row.closedAt());
                case ExportColumns.LNG -> sheet.value(r, c, row.lng());
                case ExportColumns.LAT -> sheet.value(r, c, row.lat());
                case ExportColumns.RATING -> {
                    if (row.rating() != null) {
                        sheet.value(r, c, row.rating());
                    }
                }
                default -> {
                    if (!cells[c].isEmpty()) {
                        sheet.inlineString(r, c, cells[c]);
                    }
                }
            }
        }
        if (r % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void end() throws IOException {
        sheet.finish();
        workbook.finish();
    }

    private void time(int c, OffsetDateTime t) {
        if (t != null) {
            sheet.value(r, c, t.toLocalDateTime());
            sheet.style(r, c).format(TIME_FORMAT).set();
        }
    }
}
