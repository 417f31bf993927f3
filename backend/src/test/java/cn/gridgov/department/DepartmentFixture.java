package cn.gridgov.department;

import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.identity.auth.AccessTokens;
import cn.gridgov.identity.auth.PasswordHasher;
import cn.gridgov.identity.staff.StaffRepository;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** For tests of departments and linkage: departments of their own (unique codes) and their staff with tokens. */
public final class DepartmentFixture {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private DepartmentFixture() {
    }

    /** A unique department code. */
    public static String code() {
        return "T-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    /** Inserts a county department (no rules checked) and answers its id. */
    public static long department(String name) {
        return pool().preparedQuery("""
                        INSERT INTO department (code, name, kind, created_at, updated_at)
                        VALUES ($1, $2, 'DEPARTMENT', now(), now()) RETURNING id""")
                .execute(Tuple.of(code(), name)).await().atMost(WAIT).iterator().next().getLong("id");
    }

    /** A staff account of department {@code departmentId} with {@code roles}, sitting on {@code regionId}, and its token. */
    public static TestTokens.Staff staffOf(long departmentId, long regionId, String... roles) {
        String username = "d-" + UUID.randomUUID().toString().substring(0, 12);
        String password = "pw-" + UUID.randomUUID();
        String hash = Arc.container().instance(PasswordHasher.class).get().hash(password).await().atMost(WAIT);
        UserRepository users = Arc.container().instance(UserRepository.class).get();
        StaffRepository staff = Arc.container().instance(StaffRepository.class).get();
        long id = pool().withTransaction(db -> users.insertStaffUser(db, "部门" + username, null, null)
                .call(uid -> staff.insertDepartmentStaff(db, uid, username, hash, regionId, departmentId,
                        Set.of(roles), null))).await().atMost(WAIT);
        String token = Arc.container().instance(AccessTokens.class).get().department(id, 0, Set.of(roles), departmentId);
        return new TestTokens.Staff(id, username, password, regionId, null, Set.of(roles), token);
    }

    /** Links user {@code userId} to a (unique, made-up) WeChat account, as binding by code would; answers the openid. */
    public static String linkWeChat(long userId) {
        String openid = "o-dept-" + UUID.randomUUID();
        pool().preparedQuery("UPDATE app_user SET openid = $2 WHERE id = $1").execute(Tuple.of(userId, openid))
                .await().atMost(WAIT);
        return openid;
    }

    /** The id of the department with {@code code}. */
    public static long idOf(String code) {
        return pool().preparedQuery("SELECT id FROM department WHERE code = $1").execute(Tuple.of(code))
                .await().atMost(WAIT).iterator().next().getLong("id");
    }

    /** Records a call of department {@code departmentId} to incident {@code incidentId} straight in the table. */
    public static void called(long incidentId, long departmentId, long callerId, long callerRegionId) {
        pool().preparedQuery("""
                        INSERT INTO department_call (incident_id, department_id, role, status, called_by, caller_region_id,
                                                     caller_path, called_at, respond_by, updated_at)
                        SELECT $1, $2, 'LEAD', 'CALLED', $3, r.id, r.path, now(), now() + interval '2 hours', now()
                        FROM region r WHERE r.id = $4""")
                .execute(Tuple.of(incidentId, departmentId, callerId, callerRegionId)).await().atMost(WAIT);
    }

    static Pool pool() {
        return IncidentFixture.pool();
    }
}
