package cn.gridgov.region.importing;

import cn.gridgov.common.error.Unprocessable;

import java.util.List;

/** 422 IMPORT_REJECTED: nothing was written; the problem lists every offending feature ({@code features}). */
public class ImportRejected extends Unprocessable {

    private final transient List<FeatureProblem> problems;

    public ImportRejected(List<FeatureProblem> problems) {
        super("IMPORT_REJECTED", "导入被拒绝，未写入任何数据：" + problems.size() + " 个要素有问题",
                "Import rejected, nothing was written: " + problems.size() + " features have problems");
        this.problems = List.copyOf(problems);
        with("features", problems.stream().map(p -> p.in(false)).toList(),
                problems.stream().map(p -> p.in(true)).toList());
    }

    public List<FeatureProblem> problems() {
        return problems;
    }
}
