package cn.gridgov.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The departments' rates over a period. */
@Schema(name = "StatsRateDepartments", description = "部门在期间内的三率（县级人员看全部部门，部门管理员只看本部门）")
public record StatsRateDepartments(LocalDate from, LocalDate to, List<StatsRateDepartment> departments) {
}
