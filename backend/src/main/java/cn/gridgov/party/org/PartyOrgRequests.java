package cn.gridgov.party.org;

import cn.gridgov.party.PartyOrgKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The bodies of the Party-tree edits. */
public final class PartyOrgRequests {

    private PartyOrgRequests() {
    }

    /** A new organisation: one leading a node ({@code regionId}), or a joint/functional branch ({@code coveredRegionIds}). */
    public record PartyOrgCreate(
            @NotNull(message = "请选择组织类型") PartyOrgKind kind,
            @Schema(nullable = true, description = "所领导的节点（四级组织必填；联合/功能型党支部不填）") Long regionId,
            @Schema(nullable = true, description = "上级组织；四级组织不填时取上级节点的组织，联合/功能型党支部必填（社区党委）")
            Long parentId,
            @Schema(nullable = true, description = "联合/功能型党支部覆盖的小区或楼栋")
            @Size(max = 50, message = "覆盖的节点最多 50 个") List<Long> coveredRegionIds,
            @Schema(nullable = true, description = "名称；四级组织不填时按节点名生成，如「幸福里小区党支部」")
            @Size(max = 160, message = "名称最长 160 字") String name,
            @Schema(nullable = true) @Size(max = 64, message = "书记姓名最长 64 字") String secretary,
            @Schema(nullable = true) @Size(max = 64, message = "联系方式最长 64 字") String contact) {
    }

    /** Rename, change the secretary or the contact: the fields given change, the rest stay. */
    public record PartyOrgUpdate(
            @NotNull(message = "请带上版本号 version") Integer version,
            @Schema(nullable = true) @Size(min = 1, max = 160, message = "名称应为 1–160 字") String name,
            @Schema(nullable = true, description = "新书记；空字符串表示暂缺") @Size(max = 64, message = "书记姓名最长 64 字")
            String secretary,
            @Schema(nullable = true) @Size(max = 64, message = "联系方式最长 64 字") String contact) {
    }

    /** Merge this organisation into {@code intoId}. */
    public record PartyOrgMerge(@NotNull(message = "请带上版本号 version") Integer version,
                        @NotNull(message = "请选择合并到的组织 intoId") Long intoId) {
    }

    /** Dissolve this organisation. */
    public record PartyOrgDissolve(@NotNull(message = "请带上版本号 version") Integer version,
                           @Schema(nullable = true) @Size(max = 200, message = "原因最长 200 字") String reason) {
    }
}
