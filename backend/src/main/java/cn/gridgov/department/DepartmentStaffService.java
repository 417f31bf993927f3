package cn.gridgov.department;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.staff.StaffRepository;
import cn.gridgov.identity.staff.StaffService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Department staff accounts: bound to a department, not to a region node, so they see only what their
 * department has been called to. County admins create, disable and list any department's handlers and admins; a
 * department's own admin (DEPT_ADMIN) does the same for its handlers only (another department's answers 404, another
 * role 403). The account rules themselves (username, password, phone, audit, sessions) are identity's
 * ({@link StaffService}).
 */
@ApplicationScoped
public class DepartmentStaffService {

    private final Pool pool;
    private final DepartmentService departments;
    private final StaffRepository staff;
    private final StaffService accounts;

    public DepartmentStaffService(Pool pool, DepartmentService departments, StaffRepository staff,
                                  StaffService accounts) {
        this.pool = pool;
        this.departments = departments;
        this.staff = staff;
        this.accounts = accounts;
    }

    /**
     * Creates a handler or admin of department {@code departmentId}; its account sits on the department's town (a
     * station) or else on its creator's node, which gives it no scope.
     */
    public Uni<DepartmentStaffView> create(Actor actor, long departmentId, DepartmentStaffInput input) {
        Set<String> roles = checkRoles(input.roles());
        return ownDepartment(actor, departmentId).chain(() -> grantable(actor, roles))
                .chain(() -> departments.get(departmentId))
                .chain(department -> creatorNode(actor).chain(node -> accounts.createDepartmentAccount(actor,
                        input.username(), input.password(), input.displayName(),
                        department.townId() != null ? department.townId() : node, department.id(), roles,
                        input.phone())))
                .chain(this::find);
    }

    /** Enables or disables an account of department {@code departmentId}; disabling ends its sessions. */
    public Uni<DepartmentStaffView> setActive(Actor actor, long departmentId, long userId, boolean active) {
        return ownDepartment(actor, departmentId).chain(() -> departments.get(departmentId))
                .chain(d -> staff.findByUser(pool, userId))
                .chain(found -> {
                    if (found.isEmpty() || found.get().departmentId() == null
                            || found.get().departmentId() != departmentId) {
                        throw DomainException.notFound("staff", "人员", userId);
                    }
                    return grantable(actor, found.get().roles());
                })
                .chain(() -> accounts.setDepartmentAccountActive(actor, departmentId, userId, active))
                .chain(() -> find(userId));
    }

    /** The department's staff: for county admins, and for the department's own admin (another's answers 404). */
    public Uni<List<DepartmentStaffView>> list(Actor actor, long departmentId) {
        return ownDepartment(actor, departmentId).chain(() -> departments.get(departmentId))
                .chain(d -> pool.preparedQuery(DepartmentStaffView.SELECT
                        + " WHERE s.department_id = $1 ORDER BY s.user_id").execute(Tuple.of(departmentId)))
                .map(rows -> {
                    List<DepartmentStaffView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(DepartmentStaffView.from(r)));
                    return out;
                });
    }

    /** Department staff act on their own department only: another one looks absent. */
    private static Uni<Void> ownDepartment(Actor actor, long departmentId) {
        if (actor.isDepartmentStaff() && actor.departmentId() != departmentId) {
            return Uni.createFrom().failure(DomainException.notFound("department", "部门", departmentId));
        }
        return Uni.createFrom().voidItem();
    }

    /** A department's admin creates and changes handlers only; county admins any department role. */
    private static Uni<Void> grantable(Actor actor, Set<String> roles) {
        if (actor.isDepartmentStaff() && !Set.of(Role.DEPT_HANDLER).containsAll(roles)) {
            return Uni.createFrom().failure(new NotAllowed("ROLE_NOT_GRANTABLE",
                    "部门管理员只能开设、停用本部门的经办人（DEPT_HANDLER）账号；部门管理员账号由县级管理员管理",
                    "A department admin manages its department's handlers (DEPT_HANDLER) only"));
        }
        return Uni.createFrom().voidItem();
    }

    /** The node a new account of a department without a town sits on: its creator's. */
    private Uni<Long> creatorNode(Actor actor) {
        if (!actor.isDepartmentStaff() && actor.scopeRegionId() != null) {
            return Uni.createFrom().item(actor.scopeRegionId());
        }
        return staff.findByUser(pool, actor.userId()).map(a -> a.orElseThrow(
                () -> DomainException.notFound("staff", "人员", actor.userId())).regionId());
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
}
