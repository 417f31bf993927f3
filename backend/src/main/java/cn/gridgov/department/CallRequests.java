package cn.gridgov.department;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The bodies of the whistle-and-report endpoints. */
public final class CallRequests {

    private CallRequests() {
    }

    /** The incident and whom to call; absent or empty: the responsibility list's proposal (its lead and supporters). */
    @Schema(name = "DepartmentWhistleInput")
    public record Whistle(@NotNull Long incidentId,
                          @Size(max = 20) List<@Valid @NotNull Target> departments,
                          @Size(max = 500) String comment) {
    }

    /** One department to call, its part, and why when the list does not propose it. */
    @Schema(name = "DepartmentWhistleTarget")
    public record Target(@NotNull Long departmentId,
                         @NotNull @Schema(enumeration = {"LEAD", "SUPPORT"}) String role,
                         @Size(max = 500) @Schema(description = "清单未列出的部门须说明理由") String reason) {
    }

    /** 报到: accept the call and name the handler (a DEPT_HANDLER reporting may leave it out: themself). */
    @Schema(name = "DepartmentReportInput")
    public record Report(Long handlerId, @Size(max = 500) String comment) {
    }

    /** A refusal (not ours), or a flow note (supporters' work, the lead's result). */
    @Schema(name = "DepartmentCallNote")
    public record Note(@NotBlank @Size(max = 1000) String comment) {
    }

    /** The county's arbitration of a refusal: which department must handle it (the refusing one or another). */
    @Schema(name = "DepartmentArbitrationInput")
    public record Arbitration(@NotNull Long departmentId, @NotBlank @Size(max = 500) String comment) {
    }

    /** The whistling node's check of the lead's result on site: passed, or sent back with a reason. */
    @Schema(name = "DepartmentVerificationInput")
    public record Verification(@NotNull Boolean passed, @Size(max = 500) String comment) {
    }
}
