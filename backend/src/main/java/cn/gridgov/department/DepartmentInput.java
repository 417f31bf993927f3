package cn.gridgov.department;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A department to create or change ({@code version} is checked on change; {@code code} is fixed once created). */
@Schema(name = "DepartmentInput")
public record DepartmentInput(
        @Pattern(regexp = "^[0-9A-Z_-]{2,32}$", message = "编码应为 2 到 32 位数字、大写字母、_ 或 -") String code,
        @NotBlank @Size(max = 64) String name,
        @NotNull DepartmentKind kind,
        @Schema(description = "站所（STATION）必填：所在乡镇的区域 id；其他类型不可填") Long townId,
        Long parentId,
        Boolean active,
        Integer version) {
}
