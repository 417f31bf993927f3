package cn.gridgov.common.imports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One refused row of an import: its number (CSV/Excel: the line, header = 1; GeoJSON: the feature, first = 1), the
 * key that names it in the file (a code, a room), the field and why, in Chinese and English.
 */
public record RowProblem(int row, String code, String field, String reasonZh, String reasonEn) {

    /** A problem whose reasons are prefixed with the row ("第 3 行：…"), the form every import's report uses. */
    public static RowProblem at(int row, String code, String field, String zh, String en) {
        return new RowProblem(row, code, field == null || field.isEmpty() ? null : field, "第 " + row + " 行：" + zh,
                "row " + row + ": " + en);
    }

    RowError in(boolean english) {
        return new RowError(row, code, field, english ? reasonEn : reasonZh);
    }

    /** The client's view of a refused row. */
    @Schema(name = "ImportRowError")
    public record RowError(int row, @Schema(nullable = true) String code, @Schema(nullable = true) String field,
                           String reason) {
    }
}
