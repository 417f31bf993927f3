package cn.gridgov.department;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change of a department staff account: enabled (true) or disabled (false). */
@Schema(name = "DepartmentStaffChange")
public record DepartmentStaffChange(@NotNull @Schema(description = "true 启用，false 停用（并结束其全部会话）") Boolean active) {
}
