package cn.gridgov.incident.category;

import cn.gridgov.incident.deadline.DeadlineUnit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A category as the API shows it; groups carry their categories as children. */
public record CategoryView(String code, String name, @Schema(nullable = true) String parentCode,
                           HandlingLevel handlingLevel, Deadline deadline, boolean active, int sortOrder, int version,
                           @Schema(nullable = true) List<CategoryView> children) {

    /** How long incidents of the category may take. */
    public record Deadline(int amount, DeadlineUnit unit) {
    }

    static CategoryView of(Category c, String parentCode, List<CategoryView> children) {
        return new CategoryView(c.code, c.name, parentCode, c.handlingLevel,
                new Deadline(c.deadlineAmount, c.deadlineUnit), c.active, c.sortOrder, c.version, children);
    }
}
