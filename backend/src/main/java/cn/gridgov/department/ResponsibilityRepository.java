package cn.gridgov.department;

import cn.gridgov.common.time.ApiTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The responsibility list (SQL client): current entries, their versions, and the departments they name. */
@ApplicationScoped
public class ResponsibilityRepository {

    /** The current entry, or one version, with its category and the departments as {id, code, name} arrays. */
    private static final String SELECT = """
            SELECT c.code AS category_code, c.name AS category_name, e.category_id, e.lead_department_id,
                   e.supporting_ids, e.legal_basis, e.response_hours, e.version, e.changed_by, e.changed_at,
                   ARRAY(SELECT d.code FROM department d WHERE d.id = e.lead_department_id) AS lead_code,
                   ARRAY(SELECT d.name FROM department d WHERE d.id = e.lead_department_id) AS lead_name,
                   ARRAY(SELECT d.code FROM unnest(e.supporting_ids) WITH ORDINALITY s(id, n)
                         JOIN department d ON d.id = s.id ORDER BY s.n) AS supporting_codes,
                   ARRAY(SELECT d.name FROM unnest(e.supporting_ids) WITH ORDINALITY s(id, n)
                         JOIN department d ON d.id = s.id ORDER BY s.n) AS supporting_names
            FROM %s e JOIN incident_category c ON c.id = e.category_id""";

    /** A category's id, name and deadline, by code; null when there is none. */
    public record CategoryRef(long id, String code, String name) {
    }

    public Uni<CategoryRef> category(SqlClient db, String code) {
        return db.preparedQuery("SELECT id, code, name FROM incident_category WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next())
                .map(r -> r == null ? null : new CategoryRef(r.getLong("id"), r.getString("code"), r.getString("name")));
    }

    public Uni<ResponsibilityView> current(SqlClient db, long categoryId) {
        return db.preparedQuery(SELECT.formatted("responsibility_entry") + " WHERE e.category_id = $1")
                .execute(Tuple.of(categoryId)).map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    /** The current entry, locked for a change. */
    public Uni<Integer> lockedVersion(SqlClient tx, long categoryId) {
        return tx.preparedQuery("SELECT version FROM responsibility_entry WHERE category_id = $1 FOR UPDATE")
                .execute(Tuple.of(categoryId))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("version"));
    }

    public Uni<List<ResponsibilityView>> all(SqlClient db) {
        return db.preparedQuery(SELECT.formatted("responsibility_entry") + " ORDER BY c.code").execute()
                .map(ResponsibilityRepository::views);
    }

    public Uni<List<ResponsibilityView>> versions(SqlClient db, long categoryId) {
        return db.preparedQuery(SELECT.formatted("responsibility_version") + " WHERE e.category_id = $1 ORDER BY e.version DESC")
                .execute(Tuple.of(categoryId)).map(ResponsibilityRepository::views);
    }

    /** The ids among {@code ids} of active departments. */
    public Uni<List<Long>> activeDepartments(SqlClient db, Collection<Long> ids) {
        return db.preparedQuery("SELECT id FROM department WHERE id = ANY($1) AND active")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    List<Long> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getLong("id")));
                    return out;
                });
    }

    /** Writes version {@code version} as the current entry and appends it to the versions. */
    public Uni<Void> write(SqlClient tx, long categoryId, long lead, List<Long> supporting, String legalBasis,
                           int responseHours, int version, long changedBy, Instant at) {
        Tuple args = Tuple.from(Arrays.asList(categoryId, lead, supporting.toArray(Long[]::new), legalBasis,
                responseHours, version, changedBy, at.atOffset(ZoneOffset.UTC)));
        return tx.preparedQuery("""
                        INSERT INTO responsibility_entry (category_id, lead_department_id, supporting_ids, legal_basis,
                                                          response_hours, version, changed_by, changed_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        ON CONFLICT (category_id) DO UPDATE SET lead_department_id = $2, supporting_ids = $3,
                            legal_basis = $4, response_hours = $5, version = $6, changed_by = $7, changed_at = $8""")
                .execute(args)
                .chain(() -> tx.preparedQuery("""
                        INSERT INTO responsibility_version (category_id, lead_department_id, supporting_ids, legal_basis,
                                                            response_hours, version, changed_by, changed_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""").execute(args))
                .replaceWithVoid();
    }

    private static List<ResponsibilityView> views(Iterable<Row> rows) {
        List<ResponsibilityView> out = new ArrayList<>();
        rows.forEach(r -> out.add(view(r)));
        return out;
    }

    private static ResponsibilityView view(Row r) {
        Long[] supportingIds = r.getArrayOfLongs("supporting_ids");
        String[] codes = r.getArrayOfStrings("supporting_codes");
        String[] names = r.getArrayOfStrings("supporting_names");
        Map<Long, DepartmentRef> supporters = new LinkedHashMap<>();
        for (int i = 0; i < supportingIds.length && i < codes.length; i++) {
            supporters.put(supportingIds[i], new DepartmentRef(supportingIds[i], codes[i], names[i]));
        }
        String[] leadCode = r.getArrayOfStrings("lead_code");
        String[] leadName = r.getArrayOfStrings("lead_name");
        return new ResponsibilityView(r.getString("category_code"), r.getString("category_name"),
                new DepartmentRef(r.getLong("lead_department_id"), leadCode[0], leadName[0]),
                List.copyOf(supporters.values()), r.getString("legal_basis"), r.getInteger("response_hours"),
                r.getInteger("version"), r.getLong("changed_by"),
                ApiTime.of(r.getOffsetDateTime("changed_at").toInstant()));
    }
}
