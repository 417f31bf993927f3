package cn.gridgov.department;

import cn.gridgov.common.time.ApiTime;
import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * One call of a department to an incident (吹哨报到) as staff see it: its part (LEAD or SUPPORT), where it stands
 * (CALLED, REPORTED, REFUSED, REASSIGNED by arbitration, RESOLVED, VERIFIED), and its deadlines.
 */
@Schema(name = "DepartmentCallView")
public record DepartmentCall(long id, long incidentId, DepartmentRef department,
                             @Schema(enumeration = {"LEAD", "SUPPORT"}) String role,
                             @Schema(enumeration = {"CALLED", "REPORTED", "REFUSED", "REASSIGNED", "RESOLVED", "VERIFIED"})
                             String status,
                             @Schema(nullable = true, description = "清单外部门的呼叫理由") String reason,
                             long calledBy, long callerRegionId,
                             @Schema(description = "吹哨节点的 ltree 路径") String callerPath,
                             OffsetDateTime calledAt,
                             @Schema(description = "报到时限（工作日历）") OffsetDateTime respondBy,
                             @Schema(nullable = true) OffsetDateTime reportedAt,
                             @Schema(nullable = true) Long handlerId,
                             @Schema(nullable = true, description = "处置时限：自报到起按分类时限计") OffsetDateTime handleBy,
                             @Schema(description = "还能否拒绝（每次呼叫只能拒绝一次，仲裁决定后不可再拒）") boolean refusable,
                             @Schema(nullable = true) String refusalReason,
                             @Schema(nullable = true) String arbitrationComment,
                             @Schema(nullable = true) OffsetDateTime resolvedAt,
                             @Schema(description = "第几轮报到时限：县级仲裁退回本部门时加 1，新时限重新计黄牌、红牌与督办")
                             int round,
                             int version) {

    static final String SELECT = """
            SELECT dc.*, ltree2text(dc.caller_path) AS caller_path_text, d.code AS department_code,
                   d.name AS department_name
            FROM department_call dc JOIN department d ON d.id = dc.department_id""";

    boolean isLead() {
        return ResponsibilityService.LEAD.equals(role);
    }

    static DepartmentCall from(Row r) {
        return new DepartmentCall(r.getLong("id"), r.getLong("incident_id"),
                new DepartmentRef(r.getLong("department_id"), r.getString("department_code"), r.getString("department_name")),
                r.getString("role"), r.getString("status"), r.getString("reason"), r.getLong("called_by"),
                r.getLong("caller_region_id"), r.getString("caller_path_text"), time(r, "called_at"),
                time(r, "respond_by"), time(r, "reported_at"), r.getLong("handler_id"), time(r, "handle_by"),
                r.getBoolean("refusable"), r.getString("refusal_reason"), r.getString("arbitration_comment"),
                time(r, "resolved_at"), r.getInteger("round_no"), r.getInteger("version"));
    }

    private static OffsetDateTime time(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : ApiTime.of(t.toInstant());
    }
}
