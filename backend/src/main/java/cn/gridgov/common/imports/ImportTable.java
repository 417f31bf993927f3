package cn.gridgov.common.imports;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lines of a tabular import file, each with the line number a person sees (the header is line 1): CSV
 * (RFC 4180, UTF-8 with or without BOM) or the first sheet of an Excel .xlsx workbook. The imports of every domain
 * read their files through it, so a row number in an error report means the same everywhere.
 */
public final class ImportTable {

    /** The media type of .xlsx files. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ImportTable() {
    }

    /** A line: the number it starts on and its fields (as text, untrimmed). */
    public record Line(int number, List<String> fields) {

        /** The field at {@code column} trimmed, or null when absent or blank. */
        public String field(Integer column) {
            if (column == null || column < 0 || column >= fields.size()) {
                return null;
            }
            String v = fields.get(column).trim();
            return v.isEmpty() ? null : v;
        }

        public boolean blank() {
            return fields.stream().allMatch(f -> f == null || f.isBlank());
        }
    }

    /** Whether the bytes are a zip archive (an .xlsx workbook) rather than text. */
    public static boolean isXlsx(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /** The lines of an .xlsx file (by its bytes) or a CSV file; {@link UnreadableFile} when it cannot be read. */
    public static List<Line> read(byte[] bytes) {
        return isXlsx(bytes) ? xlsx(bytes) : csv(bytes);
    }

    /** The lines of a CSV file. */
    public static List<Line> csv(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return records(text);
    }

    /** The lines of the first sheet of an .xlsx workbook: numbers as written (no exponent), empty cells as "". */
    public static List<Line> xlsx(byte[] bytes) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getFirstSheet();
            List<Line> out = new ArrayList<>();
            try (Stream<org.dhatim.fastexcel.reader.Row> rows = sheet.openStream()) {
                rows.forEach(row -> {
                    List<String> fields = new ArrayList<>();
                    for (int c = 0; c < row.getCellCount(); c++) {
                        fields.add(text(row.getCell(c)));
                    }
                    out.add(new Line(row.getRowNum(), fields));
                });
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile("不是有效的 Excel（.xlsx）文件", "not a valid .xlsx workbook");
        }
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal n = cell.asNumber();
            return n.stripTrailingZeros().toPlainString();
        }
        String raw = cell.getType() == CellType.STRING ? cell.asString() : cell.getText();
        return raw == null ? "" : raw;
    }

    /** The file cannot be read at all (not a row's problem). */
    public static class UnreadableFile extends RuntimeException {
        private final String zh;
        private final String en;

        public UnreadableFile(String zh, String en) {
            super(en);
            this.zh = zh;
            this.en = en;
        }

        public String zh() {
            return zh;
        }

        public String en() {
            return en;
        }
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<Line> records(String text) {
        List<Line> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    fields.add(field.toString());
                    out.add(new Line(start, List.copyOf(fields)));
                    fields.clear();
                    field.setLength(0);
                    any = false;
                    line++;
                    start = line;
                }
                default -> {
                    field.append(ch);
                    any = true;
                }
            }
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            out.add(new Line(start, List.copyOf(fields)));
        }
        return out;
    }
}
