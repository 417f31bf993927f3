package cn.gridgov.party.org;

import cn.gridgov.party.PartyOrgKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A Party organisation as the Party-tree endpoints show it. */
public record PartyOrgView(
        long id,
        PartyOrgKind kind,
        String name,
        @Schema(nullable = true, description = "领导的区域节点；联合/功能型党支部、已撤销或已合并的组织为空") Long regionId,
        @Schema(description = "数据范围所依的节点：所领导的节点，或上级组织的节点") long nodeId,
        @Schema(nullable = true, description = "上级组织") Long parentId,
        @Schema(nullable = true, description = "书记") String secretary,
        @Schema(nullable = true, description = "联系方式（办公电话或党群服务中心）") String contact,
        @Schema(description = "组织关系在本组织的在册党员数") long memberCount,
        @Schema(description = "ACTIVE、DISSOLVED（已撤销）或 MERGED（已合并）") String status,
        @Schema(nullable = true, description = "合并到的组织") Long mergedIntoId,
        @Schema(description = "联合/功能型党支部覆盖的小区或楼栋（合并带来的节点也在此）") List<Long> coveredRegionIds,
        @Schema(description = "版本号：修改时带上，过期答 409 STALE_VERSION") int version) {
}
