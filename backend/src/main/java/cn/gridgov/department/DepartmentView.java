package cn.gridgov.department;

import cn.gridgov.common.time.ApiTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A department as staff see it. */
@Schema(name = "DepartmentView")
public record DepartmentView(long id, String code, String name, DepartmentKind kind,
                             @Schema(nullable = true, description = "站所所在乡镇（TOWN 节点）；县级部门与企业为 null") Long townId,
                             @Schema(nullable = true, description = "站所的上级部门") Long parentId,
                             boolean active, int version, OffsetDateTime updatedAt) {

    static DepartmentView of(Department d) {
        return new DepartmentView(d.id, d.code, d.name, d.kind, d.townId, d.parentId, d.active, d.version,
                ApiTime.of(d.updatedAt));
    }
}
