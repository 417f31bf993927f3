package cn.gridgov.stats.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as Excel opens it without asking: UTF-8 with a byte-order mark, CRLF line ends, fields quoted as RFC 4180
 * says. Free text that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}) is
 * prefixed with an apostrophe (CSV injection).
 */
final class CsvSink implements ExportSink {

    static final String BOM = "\uFEFF";

    private final Writer out;

    CsvSink(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void begin() throws IOException {
        begin(ExportColumns.HEADERS);
    }

    /** Before the first row of any table: the byte-order mark and the header line. */
    void begin(List<String> headers) throws IOException {
        out.write(BOM);
        line(headers.toArray(String[]::new));
    }

    /** A row of any table as text cells, every one made inert for spreadsheets. */
    void textRow(String[] cells) throws IOException {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = defused(cells[i] == null ? "" : cells[i]);
        }
        line(safe);
    }

    @Override
    public void row(ExportRow row) throws IOException {
        String[] cells = ExportColumns.cells(row);
        cells[3] = defused(cells[3]);
        cells[12] = defused(cells[12]);
        cells[15] = defused(cells[15]);
        line(cells);
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private void line(String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(cells[i]));
        }
        out.write("\r\n");
    }

    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** Text that a spreadsheet would evaluate, made inert. */
    static String defused(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
