package cn.gridgov.incident;

import cn.gridgov.common.security.Actor;

/**
 * THE rule of who may see an incident: staff see their node's subtree; everyone sees what they reported and
 * what is assigned to them. Outside it an incident looks absent (404). Written once as SQL ({@link #sql}) and
 * once as its Java mirror ({@link #sees}) for events already in memory; a test holds the two together.
 */
public record Visibility(long userId, String scopePath) {

    public static Visibility of(Actor actor) {
        return new Visibility(actor.userId(), actor.isStaff() ? actor.scopePath() : null);
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
        return sql("i.reporter_id", "i.assignee_id", "i.region_path", n);
    }

    /**
     * The predicate on the given columns (the reporter, the assignee, the ltree region path), with the user id as
     * parameter {@code $n} and the scope as {@code $n+1}.
     */
    public static String sql(String reporterColumn, String assigneeColumn, String regionPathColumn, int n) {
        return "(" + reporterColumn + " = $" + n + " OR " + assigneeColumn + " = $" + n + " OR ($" + (n + 1)
                + "::text IS NOT NULL AND " + regionPathColumn + " <@ text2ltree($" + (n + 1) + "::text)))";
    }

    /** The same rule in Java, for an incident (or event) with these facts. */
    public boolean sees(long reporterId, Long assigneeId, String regionPath) {
        return reporterId == userId
                || (assigneeId != null && assigneeId == userId)
                || (scopePath != null && Workflow.contains(scopePath, regionPath));
    }
}
