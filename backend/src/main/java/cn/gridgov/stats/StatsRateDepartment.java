package cn.gridgov.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The rates of one department (its calls of 吹哨报到). */
@Schema(name = "StatsRateDepartment", description = "一个部门（吹哨报到）的三率")
public record StatsRateDepartment(long departmentId, String code, String name,
                                  @Schema(description = "DEPARTMENT、STATION 或 ENTERPRISE") String kind,
                                  StatsRateFigures figures) {
}
