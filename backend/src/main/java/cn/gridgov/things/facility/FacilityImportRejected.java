package cn.gridgov.things.facility;

import cn.gridgov.common.imports.RowProblem;
import cn.gridgov.common.imports.RowsRejected;

import java.util.List;

/**
 * 422 FACILITY_IMPORT_REJECTED: nothing was written; the problem lists every offending row ({@code rows}), the way
 * the region import lists its features.
 */
public class FacilityImportRejected extends RowsRejected {

    public FacilityImportRejected(List<RowProblem> problems) {
        super("FACILITY_IMPORT_REJECTED", problems);
    }
}
