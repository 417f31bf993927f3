package cn.gridgov.department;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A department staff account as county admins and the department's admin see it. */
@Schema(name = "DepartmentStaffView")
public record DepartmentStaffView(long id, String username, String displayName, Set<String> roles, long departmentId,
                                  boolean active) {

    static final String SELECT = """
            SELECT s.user_id, s.username, u.display_name, s.roles, s.department_id, s.active
            FROM staff_account s JOIN app_user u ON u.id = s.user_id""";

    static DepartmentStaffView from(Row r) {
        return new DepartmentStaffView(r.getLong("user_id"), r.getString("username"), r.getString("display_name"),
                new LinkedHashSet<>(List.of(r.getArrayOfStrings("roles"))), r.getLong("department_id"),
                r.getBoolean("active"));
    }
}
