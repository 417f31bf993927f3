package cn.gridgov.identity.staff;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Queries on staff accounts. Reads on behalf of a caller take their scope path and filter by
 * {@code region.path <@ scope} in SQL, so an account outside the scope is simply not found.
 */
@ApplicationScoped
public class StaffRepository {

    /** The unique constraint on usernames (PostgreSQL's name for the column's UNIQUE). */
    public static final String USERNAME_UNIQUE = "staff_account_username_key";

    public Uni<Void> insert(SqlClient db, long userId, String username, String passwordHash, long regionId,
                            Collection<String> roles, Long createdBy) {
        return db.preparedQuery("""
                        INSERT INTO staff_account (user_id, username, password_hash, region_id, roles, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.tuple().addLong(userId).addString(username).addString(passwordHash)
                        .addLong(regionId).addArrayOfString(roles.toArray(String[]::new)).addValue(createdBy))
                .replaceWithVoid();
    }

    /** Inserts a department staff account: bound to {@code departmentId}, its node ({@code regionId}) gives no scope. */
    public Uni<Void> insertDepartmentStaff(SqlClient db, long userId, String username, String passwordHash,
                                           long regionId, long departmentId, Collection<String> roles, Long createdBy) {
        return db.preparedQuery("""
                        INSERT INTO staff_account (user_id, username, password_hash, region_id, roles, created_by,
                                                   department_id)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.tuple().addLong(userId).addString(username).addString(passwordHash)
                        .addLong(regionId).addArrayOfString(roles.toArray(String[]::new)).addValue(createdBy)
                        .addLong(departmentId))
                .replaceWithVoid();
    }

    /**
     * The active staff of {@code departmentIds} who can receive a subscribe message (their account is linked to
     * WeChat), by user id.
     */
    public Uni<List<Long>> departmentStaffOnWeChat(SqlClient db, Collection<Long> departmentIds) {
        return db.preparedQuery("""
                        SELECT s.user_id FROM staff_account s JOIN app_user u ON u.id = s.user_id
                        WHERE s.department_id = ANY($1) AND s.active AND u.openid IS NOT NULL ORDER BY s.user_id""")
                .execute(Tuple.of(departmentIds.toArray(Long[]::new)))
                .map(rows -> {
                    List<Long> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getLong("user_id")));
                    return out;
                });
    }

    /** The ltree path of the node an active staff account is bound to, or null when it is not active staff. */
    public Uni<String> activeNodePath(SqlClient db, long userId) {
        return db.preparedQuery("SELECT " + RegionSql.pathText("r") + " AS path FROM staff_account s"
                        + RegionSql.joinNode("r", "s.region_id") + "WHERE s.user_id = $1 AND s.active")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("path"));
    }

    public Uni<Optional<StaffAccount>> findByUsername(SqlClient db, String username) {
        return db.preparedQuery(StaffAccount.SELECT + " WHERE s.username = $1")
                .execute(Tuple.of(username)).map(StaffRepository::first);
    }

    public Uni<Optional<StaffAccount>> findByUser(SqlClient db, long userId) {
        return db.preparedQuery(StaffAccount.SELECT + " WHERE s.user_id = $1")
                .execute(Tuple.of(userId)).map(StaffRepository::first);
    }

    /** The account if its node lies within {@code scopePath}. */
    public Uni<Optional<StaffAccount>> findInScope(SqlClient db, long userId, String scopePath) {
        return db.preparedQuery(StaffAccount.SELECT + " WHERE s.user_id = $1 AND " + RegionSql.within("r", "$2"))
                .execute(Tuple.of(userId, scopePath)).map(StaffRepository::first);
    }

    /** Accounts within {@code scopePath}, by user id after {@code afterId}, at most {@code limit}. */
    public Uni<List<StaffAccount>> listInScope(SqlClient db, String scopePath, Long regionId, long afterId,
                                               int limit) {
        return db.preparedQuery(StaffAccount.SELECT + " WHERE " + RegionSql.within("r", "$1") + " AND s.user_id > $2"
                        + " AND ($3::bigint IS NULL OR " + RegionSql.under("r", "$3") + ") ORDER BY s.user_id LIMIT $4")
                .execute(Tuple.of(scopePath, afterId, regionId, limit))
                .map(rows -> {
                    List<StaffAccount> list = new ArrayList<>();
                    rows.forEach(row -> list.add(StaffAccount.from(row)));
                    return list;
                });
    }

    public Uni<Void> update(SqlClient db, long userId, Collection<String> roles, boolean active,
                            String passwordHash, String displayName) {
        return db.preparedQuery("""
                        UPDATE staff_account SET roles = $2, active = $3,
                               password_hash = coalesce($4, password_hash), updated_at = now()
                        WHERE user_id = $1""")
                .execute(Tuple.tuple().addLong(userId).addArrayOfString(roles.toArray(String[]::new))
                        .addBoolean(active).addString(passwordHash))
                .chain(() -> db.preparedQuery("UPDATE app_user SET display_name = $2, updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(userId, displayName)))
                .replaceWithVoid();
    }

    /** Replaces a password hash by a stronger one of the same password, unless it was changed meanwhile. */
    public Uni<Void> upgradePasswordHash(SqlClient db, long userId, String oldHash, String newHash) {
        return db.preparedQuery("UPDATE staff_account SET password_hash = $3 WHERE user_id = $1 AND password_hash = $2")
                .execute(Tuple.of(userId, oldHash, newHash)).replaceWithVoid();
    }

    public Uni<Void> setPassword(SqlClient db, long userId, String passwordHash) {
        return db.preparedQuery("UPDATE staff_account SET password_hash = $2, updated_at = now() WHERE user_id = $1")
                .execute(Tuple.of(userId, passwordHash)).replaceWithVoid();
    }

    private static Optional<StaffAccount> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(StaffAccount.from(rows.iterator().next()));
    }
}
