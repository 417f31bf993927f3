package cn.gridgov.stats.export;

import cn.gridgov.common.error.NotFound;

import java.util.Locale;

/** The formats incidents are exported in, each with its media type and file extension. */
public enum ExportFormat {
    CSV("text/csv;charset=UTF-8", "csv"),
    GEOJSON("application/geo+json", "geojson"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    /** The rows an .xlsx sheet holds below its header row (Excel's limit is 1,048,576 rows). */
    static final long XLSX_MAX_ROWS = 1_048_575;

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format named by a file extension ({@code csv}, {@code geojson}, {@code xlsx}); anything else is 404. */
    static ExportFormat ofExtension(String extension) {
        String e = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.extension.equals(e)) {
                return f;
            }
        }
        throw new NotFound("EXPORT_FORMAT_NOT_FOUND", "不支持的导出格式：" + extension + "（可用 csv、geojson、xlsx）",
                "Unknown export format: " + extension + " (csv, geojson or xlsx)");
    }
}
