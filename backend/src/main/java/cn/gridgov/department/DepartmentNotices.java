package cn.gridgov.department;

import cn.gridgov.identity.staff.StaffRepository;
import cn.gridgov.notify.NotifyOnChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;

/**
 * Tells a department's staff of a flow row about a call to their department (called, arbitration's decision,
 * yellow, red, 督办, sent back): a subscribe message through the outbox, in the change's transaction, to each of its
 * active handlers and admins whose account is linked to WeChat. The feed reaches them by the data-scope rule.
 */
@ApplicationScoped
public class DepartmentNotices {

    private final StaffRepository staff;
    private final NotifyOnChange notify;

    public DepartmentNotices(StaffRepository staff, NotifyOnChange notify) {
        this.staff = staff;
        this.notify = notify;
    }

    public Uni<Void> tell(SqlClient tx, long flowId, Collection<Long> departmentIds) {
        if (departmentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return staff.departmentStaffOnWeChat(tx, departmentIds).chain(ids -> notify.alsoTell(tx, flowId, ids));
    }
}
