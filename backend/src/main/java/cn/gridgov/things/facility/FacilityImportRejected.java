package cn.gridgov.things.facility;

import cn.gridgov.common.error.Unprocessable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * 422 FACILITY_IMPORT_REJECTED: nothing was written; the problem lists every offending row ({@code rows}), the way
 * the region import lists its features.
 */
public class FacilityImportRejected extends Unprocessable {

    /** One refused row: its number (CSV: the line, header = 1; GeoJSON: the feature, first = 1), code and why. */
    public record RowProblem(int row, String code, String field, String reasonZh, String reasonEn) {
        RowError in(boolean english) {
            return new RowError(row, code, field, english ? reasonEn : reasonZh);
        }
    }

    /** The client's view of a refused row. */
    @Schema(name = "FacilityImportRowError")
    public record RowError(int row, @Schema(nullable = true) String code, @Schema(nullable = true) String field,
                           String reason) {
    }

    public FacilityImportRejected(List<RowProblem> problems) {
        super("FACILITY_IMPORT_REJECTED", "导入被拒绝，未写入任何数据：" + problems.size() + " 行有问题",
                "Import rejected, nothing was written: " + problems.size() + " rows have problems");
        with("rows", problems.stream().map(p -> p.in(false)).toList(),
                problems.stream().map(p -> p.in(true)).toList());
    }
}
