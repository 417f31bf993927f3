package cn.gridgov.department;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** One version of a category's entry of the responsibility list (权责清单). */
@Schema(name = "ResponsibilityView")
public record ResponsibilityView(String categoryCode, String categoryName, DepartmentRef lead,
                                 List<DepartmentRef> supporters, String legalBasis, int responseHours, int version,
                                 long changedBy, OffsetDateTime changedAt) {
}
