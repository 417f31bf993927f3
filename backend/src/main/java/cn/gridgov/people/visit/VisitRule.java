package cn.gridgov.people.visit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The visit interval of one key-group kind in a county. */
@Schema(name = "VisitRule")
public record VisitRule(
        @Schema(description = "重点人群类别") String kind,
        @Schema(description = "类别中文名") String kindName,
        @Schema(description = "每隔几天走访一次") int intervalDays,
        @Schema(description = "是否为本县自定（否则为默认值）") boolean custom,
        @Schema(description = "默认值") int defaultDays) {

    /** What a county admin sends to change a kind's interval. */
    @Schema(name = "VisitRuleRequest")
    public record Change(@Schema(description = "每隔几天走访一次（1 到 365）", required = true, example = "7")
                         Integer intervalDays) {
    }
}
