package cn.gridgov.stats;

import cn.gridgov.region.RegionLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * A node's dashboard for a period: its figures, the same for each child node, and the daily series of received and
 * closed incidents; and the three rates of the departments called (吹哨) to the subtree's incidents in the period.
 */
public record StatsOverview(long regionId, String code, String name, RegionLevel level, LocalDate from, LocalDate to,
                            StatsFigures figures, List<StatsChild> children, List<StatsDay> days,
                            @Schema(description = "期间内被吹哨到本节点辖区事件的部门及其三率（响应率、解决率、满意率），"
                                    + "只列被吹哨过的部门；详见 GET /api/v1/stats/department-rates", nullable = true)
                            List<StatsRateDepartment> departments) {
}
