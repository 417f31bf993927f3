package cn.gridgov.stats.export;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the exported files back the way their users' tools would: an RFC 4180 CSV reader, and fastexcel's reader. */
final class ExportFiles {

    private ExportFiles() {
    }

    /** The records of a CSV document (after its byte-order mark), each a list of fields. */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
            i++;
        }
        if (!record.isEmpty() || field.length() > 0) {
            throw new IllegalStateException("the CSV does not end with CRLF");
        }
        return records;
    }

    /** The CSV body as text, checking it starts with the UTF-8 byte-order mark. */
    static String csvText(byte[] body) {
        if (body.length < 3 || (body[0] & 0xff) != 0xEF || (body[1] & 0xff) != 0xBB || (body[2] & 0xff) != 0xBF) {
            throw new AssertionError("the CSV does not start with a UTF-8 byte-order mark");
        }
        return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    }

    /** The rows of the first sheet, each row's cells (null for an empty cell), and the sheet's name first. */
    static Sheet xlsx(byte[] body) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(body))) {
            org.dhatim.fastexcel.reader.Sheet sheet = wb.getFirstSheet();
            List<List<Cell>> rows = new ArrayList<>();
            try (Stream<Row> stream = sheet.openStream()) {
                stream.forEach(row -> {
                    List<Cell> cells = new ArrayList<>();
                    for (int c = 0; c < ExportColumns.HEADERS.size(); c++) {
                        cells.add(row.getOptionalCell(c).orElse(null));
                    }
                    rows.add(cells);
                });
            }
            return new Sheet(sheet.getName(), rows);
        }
    }

    record Sheet(String name, List<List<Cell>> rows) {
    }
}
