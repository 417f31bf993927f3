package cn.gridgov.department;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A category's entry of the responsibility list: its departments, exactly one of them LEAD, the others SUPPORT;
 * {@code version} is the version the editor read (absent or 0 for a category without an entry).
 */
@Schema(name = "ResponsibilityInput")
public record ResponsibilityInput(
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Member> departments,
        @NotBlank @Size(max = 2000) String legalBasis,
        @Min(1) @Max(72) @Schema(description = "报到时限（工作小时），默认 2") Integer responseHours,
        Integer version) {

    /** One department of the entry and its part. */
    @Schema(name = "ResponsibilityMember")
    public record Member(@NotNull Long departmentId,
                         @NotNull @Schema(enumeration = {"LEAD", "SUPPORT"}) String role) {
    }
}
