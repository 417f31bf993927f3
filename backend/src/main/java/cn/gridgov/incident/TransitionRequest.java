package cn.gridgov.incident;

import cn.gridgov.common.error.DomainException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One step of the handling loop. {@code version} is the incident's version the client saw; the aliases of
 * {@link Workflow#ALIASES} ({@code VERIFY} with {@code passed}) are accepted beside the actions they stand for.
 */
public record TransitionRequest(
        @NotBlank String action,
        @NotNull Integer version,
        @Size(max = 1000) String comment,
        Long assigneeId,
        Long targetRegionId,
        @Size(max = 9) List<@NotNull UUID> mediaIds,
        Boolean passed,
        @Min(1) @Max(5) Integer rating) {

    public IncidentAction parsedAction() {
        String name = action.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        Workflow.Alias alias = Workflow.ALIASES.get(name);
        if (alias != null) {
            if (passed == null) {
                throw DomainException.badRequest("VERIFY_RESULT_REQUIRED", "核查需说明是否通过（passed: true/false）",
                        "verify needs passed: true or false");
            }
            return passed ? alias.passed() : alias.failed();
        }
        try {
            IncidentAction parsed = IncidentAction.valueOf(name);
            if (Workflow.rule(parsed).filter(rule -> rule.via() == Workflow.Via.TRANSITION).isPresent()) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw DomainException.badRequest("UNKNOWN_ACTION", "不支持的操作：" + action, "Unknown action: " + action);
    }

    public List<UUID> media() {
        return mediaIds == null ? List.of() : mediaIds;
    }

    public boolean hasComment() {
        return comment != null && !comment.isBlank();
    }
}
