package cn.gridgov.common.imports;

import cn.gridgov.common.error.Unprocessable;

import java.util.Comparator;
import java.util.List;

/**
 * 422: an import refused whole, nothing written; the problem lists every offending row ({@code rows}, by row
 * number), the report shape of every tabular import.
 */
public class RowsRejected extends Unprocessable {

    public RowsRejected(String code, List<RowProblem> problems) {
        super(code, "导入被拒绝，未写入任何数据：" + problems.size() + " 行有问题",
                "Import rejected, nothing was written: " + problems.size() + " rows have problems");
        List<RowProblem> sorted = problems.stream().sorted(Comparator.comparingInt(RowProblem::row)).toList();
        with("rows", sorted.stream().map(p -> p.in(false)).toList(), sorted.stream().map(p -> p.in(true)).toList());
    }
}
