package cn.gridgov.department;

import cn.gridgov.incident.deadline.DeadlineUnit;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Department calls (SQL client). Every change is conditional on the state it leaves, so two racing answers cannot both win. */
@ApplicationScoped
public class CallRepository {

    /** A category's handling deadline. */
    public record Deadline(int amount, DeadlineUnit unit) {
    }

    public Uni<Long> insert(SqlClient tx, long incidentId, long departmentId, String role, String reason, long calledBy,
                            long callerRegionId, String callerPath, Instant at, Instant respondBy, boolean refusable) {
        return tx.preparedQuery("""
                        INSERT INTO department_call (incident_id, department_id, role, status, reason, called_by,
                                                     caller_region_id, caller_path, called_at, respond_by, refusable,
                                                     updated_at)
                        VALUES ($1, $2, $3, 'CALLED', $4, $5, $6, text2ltree($7), $8, $9, $10, $8) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(incidentId, departmentId, role, reason, calledBy, callerRegionId,
                        callerPath, odt(at), odt(respondBy), refusable)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<DepartmentCall> find(SqlClient db, long id) {
        return db.preparedQuery(DepartmentCall.SELECT + " WHERE dc.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : DepartmentCall.from(rows.iterator().next()));
    }

    public Uni<List<DepartmentCall>> ofIncident(SqlClient db, long incidentId) {
        return db.preparedQuery(DepartmentCall.SELECT + " WHERE dc.incident_id = $1 ORDER BY dc.id")
                .execute(Tuple.of(incidentId)).map(CallRepository::calls);
    }

    /** A department's calls (optionally in one status), by id after {@code afterId}. */
    public Uni<List<DepartmentCall>> ofDepartment(SqlClient db, long departmentId, String status, long afterId, int limit) {
        return db.preparedQuery(DepartmentCall.SELECT + " WHERE dc.department_id = $1 AND ($2::text IS NULL OR dc.status = $2)"
                        + " AND dc.id > $3 ORDER BY dc.id LIMIT $4")
                .execute(Tuple.of(departmentId, status, afterId, limit)).map(CallRepository::calls);
    }

    /** The calls of incidents in the subtree at {@code scope} (optionally in one status), by id after {@code afterId}. */
    public Uni<List<DepartmentCall>> inScope(SqlClient db, String scope, String status, long afterId, int limit) {
        return db.preparedQuery(DepartmentCall.SELECT + " JOIN incident i ON i.id = dc.incident_id"
                        + " WHERE i.region_path <@ text2ltree($1) AND ($2::text IS NULL OR dc.status = $2)"
                        + " AND dc.id > $3 ORDER BY dc.id LIMIT $4")
                .execute(Tuple.of(scope, status, afterId, limit)).map(CallRepository::calls);
    }

    /** Moves the call from {@code from} to {@code to} with the given column changes; false when it was not in {@code from}. */
    public Uni<Boolean> move(SqlClient tx, long id, String from, String to, String set, Object... args) {
        List<Object> values = new ArrayList<>(List.of(id, from, to));
        values.addAll(Arrays.asList(args));
        return tx.preparedQuery("UPDATE department_call SET status = $3, version = version + 1" + set
                        + " WHERE id = $1 AND status = $2")
                .execute(Tuple.from(values)).map(rows -> rows.rowCount() == 1);
    }

    /** Whether {@code userId} is active staff of department {@code departmentId}. */
    public Uni<Boolean> isStaffOf(SqlClient db, long userId, long departmentId) {
        return db.preparedQuery("SELECT 1 FROM staff_account WHERE user_id = $1 AND department_id = $2 AND active")
                .execute(Tuple.of(userId, departmentId)).map(rows -> rows.size() == 1);
    }

    public Uni<Deadline> categoryDeadline(SqlClient db, long categoryId) {
        return db.preparedQuery("SELECT deadline_amount, deadline_unit FROM incident_category WHERE id = $1")
                .execute(Tuple.of(categoryId)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new Deadline(r.getInteger("deadline_amount"), DeadlineUnit.valueOf(r.getString("deadline_unit")));
                });
    }

    /** The names of active departments among {@code ids}, by id. */
    public Uni<java.util.Map<Long, String>> activeDepartmentNames(SqlClient db, List<Long> ids) {
        return db.preparedQuery("SELECT id, name FROM department WHERE id = ANY($1) AND active")
                .execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
                    java.util.Map<Long, String> out = new java.util.LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getLong("id"), r.getString("name")));
                    return out;
                });
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static List<DepartmentCall> calls(RowSet<Row> rows) {
        List<DepartmentCall> out = new ArrayList<>();
        rows.forEach(r -> out.add(DepartmentCall.from(r)));
        return out;
    }
}
