package cn.gridgov.identity.staff;

import cn.gridgov.region.RegionSql;
import cn.gridgov.region.RegionLevel;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A staff account with the region node it is bound to (its data scope), or, for department staff, the
 * department ({@code departmentId}; its node then gives no scope).
 */
public record StaffAccount(long userId, String username, String passwordHash, String displayName, Set<String> roles,
                           boolean active, long regionId, String regionName, RegionLevel regionLevel, String regionPath,
                           boolean wechatLinked, byte[] phoneEnc, Long createdBy, OffsetDateTime createdAt,
                           Long departmentId) {

    static final String SELECT = """
            SELECT s.user_id, s.username, s.password_hash, u.display_name, s.roles, s.active, s.region_id,
                   r.name AS region_name, r.level AS region_level, r.path::text AS region_path,
                   u.openid IS NOT NULL AS wechat_linked, u.phone_enc, s.created_by, s.created_at,
                   s.department_id
            FROM staff_account s JOIN app_user u ON u.id = s.user_id""" + RegionSql.joinNode("r", "s.region_id");

    static StaffAccount from(Row row) {
        Buffer phone = row.getBuffer("phone_enc");
        return new StaffAccount(row.getLong("user_id"), row.getString("username"), row.getString("password_hash"),
                row.getString("display_name"), new LinkedHashSet<>(List.of(row.getArrayOfStrings("roles"))),
                row.getBoolean("active"), row.getLong("region_id"), row.getString("region_name"),
                RegionLevel.valueOf(row.getString("region_level")), row.getString("region_path"), row.getBoolean("wechat_linked"),
                phone == null ? null : phone.getBytes(), row.getLong("created_by"),
                row.getOffsetDateTime("created_at"), row.getLong("department_id"));
    }
}
