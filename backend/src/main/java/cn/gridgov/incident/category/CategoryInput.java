package cn.gridgov.incident.category;

import cn.gridgov.incident.deadline.DeadlineUnit;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A category to create ({@code code} and {@code parentCode} are ignored on update; {@code version} is checked). */
public record CategoryInput(
        @Pattern(regexp = "^[0-9A-Z]{2,16}$", message = "编码应为 2 到 16 位数字或大写字母") String code,
        @NotBlank @Size(max = 64) String name,
        String parentCode,
        @NotNull HandlingLevel handlingLevel,
        @NotNull @Min(1) @Max(720) Integer deadlineAmount,
        @NotNull DeadlineUnit deadlineUnit,
        Integer sortOrder,
        Integer version) {
}
