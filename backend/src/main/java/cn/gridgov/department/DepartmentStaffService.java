package cn.gridgov.department;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.identity.auth.PasswordHasher;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.staff.StaffRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Department staff accounts: bound to a department, not to a region node, so they see only what their
 * department has been called to. Created by county admins; listed for them and for the department's own admin.
 */
@ApplicationScoped
public class DepartmentStaffService {

    private final Pool pool;
    private final DepartmentService departments;
    private final UserRepository users;
    private final StaffRepository staff;
    private final PasswordHasher passwords;
    private final PersonalData personalData;

    public DepartmentStaffService(Pool pool, DepartmentService departments, UserRepository users,
                                  StaffRepository staff, PasswordHasher passwords, PersonalData personalData) {
        this.pool = pool;
        this.departments = departments;
        this.users = users;
        this.staff = staff;
        this.passwords = passwords;
        this.personalData = personalData;
    }

    /**
     * Creates a handler or admin of department {@code departmentId}; its account sits on the county admin's node
     * (a station's: its town), which gives it no scope.
     */
    public Uni<DepartmentStaffView> create(Actor admin, long departmentId, DepartmentStaffInput input) {
        Set<String> roles = checkRoles(input.roles());
        String name = input.username().toLowerCase(Locale.ROOT);
        return departments.get(departmentId).chain(department -> staff.findByUsername(pool, name)
                .invoke(existing -> {
                    if (existing.isPresent()) {
                        throw usernameTaken(name);
                    }
                })
                .chain(() -> passwords.hash(input.password()))
                .chain(hash -> pool.withTransaction(db -> users.insertStaffUser(db, input.displayName(),
                                input.phone() == null ? null : personalData.encrypt(input.phone()),
                                input.phone() == null ? null : personalData.searchHash(input.phone()))
                        .call(id -> staff.insertDepartmentStaff(db, id, name, hash,
                                department.townId() != null ? department.townId() : admin.scopeRegionId(),
                                department.id(), roles, admin.userId()))))
                .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                        && StaffRepository.USERNAME_UNIQUE.equals(((PgException) e).getConstraint())
                        ? usernameTaken(name) : e))
                .chain(id -> find(id));
    }

    /** The department's staff: for county admins, and for the department's own admin (another's answers 404). */
    public Uni<List<DepartmentStaffView>> list(Actor actor, long departmentId) {
        if (actor.isDepartmentStaff() && actor.departmentId() != departmentId) {
            return Uni.createFrom().failure(DomainException.notFound("department", "部门", departmentId));
        }
        return departments.get(departmentId).chain(d -> pool.preparedQuery(DepartmentStaffView.SELECT
                        + " WHERE s.department_id = $1 ORDER BY s.user_id").execute(Tuple.of(departmentId)))
                .map(rows -> {
                    List<DepartmentStaffView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(DepartmentStaffView.from(r)));
                    return out;
                });
    }

    private Uni<DepartmentStaffView> find(long userId) {
        return pool.preparedQuery(DepartmentStaffView.SELECT + " WHERE s.user_id = $1").execute(Tuple.of(userId))
                .map(rows -> DepartmentStaffView.from(rows.iterator().next()));
    }

    private static Set<String> checkRoles(Set<String> requested) {
        Set<String> roles = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (String role : requested) {
            String r = role.trim().toUpperCase(Locale.ROOT);
            if (!Role.DEPARTMENT_ROLES.contains(r)) {
                errors.add(new FieldError("roles", "部门人员的角色只能是 DEPT_HANDLER 或 DEPT_ADMIN：" + role));
            }
            roles.add(r);
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("请求参数有误", "A department account's roles are DEPT_HANDLER and DEPT_ADMIN",
                    errors);
        }
        return roles;
    }

    private static DomainException usernameTaken(String name) {
        return DomainException.conflict("USERNAME_TAKEN", "用户名已被使用：" + name, "Username already taken: " + name);
    }
}
