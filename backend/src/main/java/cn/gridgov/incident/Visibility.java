package cn.gridgov.incident;

import cn.gridgov.common.security.Actor;

import java.util.Collection;
import java.util.List;

/**
 * THE rule of who may see an incident: staff see their node's subtree; department staff see the incidents their
 * department has been called to (吹哨报到), anywhere; everyone sees what they reported and what is assigned to
 * them. Outside it an incident looks absent (404). Written once as SQL ({@link #sql}) and once as its Java mirror
 * ({@link #sees}) for events already in memory, and once more for lists ({@link #listSql}); a test holds them
 * together.
 */
public record Visibility(long userId, String scopePath, Long departmentId) {

    /** The department calls of incident {@code $incident}: the table the department part of the rule reads. */
    static final String DEPARTMENT_CALLED = """
            EXISTS (SELECT 1 FROM department_call dc JOIN staff_account sa ON sa.department_id = dc.department_id \
            WHERE dc.incident_id = %s AND sa.user_id = $%d AND sa.active)""";

    /** The same department part as a set: the incidents called to the department of user {@code $n}. */
    static final String DEPARTMENT_CALLS = """
            ARRAY(SELECT dc.incident_id FROM department_call dc JOIN staff_account sa \
            ON sa.department_id = dc.department_id WHERE sa.user_id = $%d AND sa.active)""";

    /** A viewer that is not department staff. */
    public Visibility(long userId, String scopePath) {
        this(userId, scopePath, null);
    }

    public static Visibility of(Actor actor) {
        return new Visibility(actor.userId(), actor.isStaff() ? actor.scopePath() : null,
                actor.isStaff() ? actor.departmentId() : null);
    }

    /**
     * Whether {@code actor} sees {@code regionPath} as staff, through their node's subtree (the scope part of
     * {@link #sql}, {@code region_path <@ scope}), rather than as its reporter or assignee.
     */
    public static boolean staffScopeCovers(Actor actor, String regionPath) {
        String scope = of(actor).scopePath();
        return scope != null && regionPath != null && Workflow.contains(scope, regionPath);
    }

    /** The predicate on alias {@code i}, with the user id as parameter {@code $n} and the scope as {@code $n+1}. */
    public static String sql(int n) {
        return sql("i.id", "i.reporter_id", "i.assignee_id", "i.region_path", n);
    }

    /**
     * The predicate on the given columns (the incident id, the reporter, the assignee, the ltree region path), with
     * the user id as parameter {@code $n} and the scope as {@code $n+1}. Department staff are found by their user
     * id: their account's department, among the incident's calls.
     */
    public static String sql(String incidentColumn, String reporterColumn, String assigneeColumn,
                             String regionPathColumn, int n) {
        return "(" + reporterColumn + " = $" + n + " OR " + assigneeColumn + " = $" + n + " OR ($" + (n + 1)
                + "::text IS NOT NULL AND " + regionPathColumn + " <@ text2ltree($" + (n + 1) + "::text)) OR "
                + DEPARTMENT_CALLED.formatted(incidentColumn, n) + ")";
    }

    /**
     * The predicate of {@link #sql(int)} on alias {@code i}, for lists: the department part as
     * {@code i.id = ANY (ARRAY(...))}, computed once per statement (an init plan) instead of a subquery per row.
     * Then every part of the OR has an index (reporter, assignee, region path, primary key), and with a status
     * filter a list is one BitmapOr of them, as large as what the viewer sees; with {@code EXISTS} in the OR the
     * planner can only walk the newest incidents of the whole county until a page is full.
     */
    public static String listSql(int n) {
        return "(i.reporter_id = $" + n + " OR i.assignee_id = $" + n + " OR ($" + (n + 1)
                + "::text IS NOT NULL AND i.region_path <@ text2ltree($" + (n + 1) + "::text)) OR i.id = ANY ("
                + DEPARTMENT_CALLS.formatted(n) + "))";
    }

    /** The same rule in Java, for an incident (or event) with these facts and no department calls. */
    public boolean sees(long reporterId, Long assigneeId, String regionPath) {
        return sees(reporterId, assigneeId, regionPath, List.of());
    }

    /** The same rule in Java, for an incident (or event) with these facts, called to {@code calledDepartments}. */
    public boolean sees(long reporterId, Long assigneeId, String regionPath, Collection<Long> calledDepartments) {
        return reporterId == userId
                || (assigneeId != null && assigneeId == userId)
                || (scopePath != null && Workflow.contains(scopePath, regionPath))
                || (departmentId != null && calledDepartments.contains(departmentId));
    }
}
