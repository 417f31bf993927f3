package cn.gridgov.department;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What the responsibility list proposes to call for an incident: its category's lead and supporters. */
@Schema(name = "DepartmentWhistleProposal")
public record WhistleProposal(String categoryCode, @Schema(nullable = true) DepartmentRef lead,
                              List<DepartmentRef> supporters, @Schema(nullable = true) String legalBasis,
                              int responseHours) {

    static WhistleProposal of(String categoryCode, ResponsibilityView entry) {
        return entry == null
                ? new WhistleProposal(categoryCode, null, List.of(), null, ResponsibilityService.DEFAULT_RESPONSE_HOURS)
                : new WhistleProposal(categoryCode, entry.lead(), entry.supporters(), entry.legalBasis(),
                entry.responseHours());
    }
}
