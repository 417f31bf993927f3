package cn.gridgov.incident;

import cn.gridgov.identity.Actor;

/**
 * Which incidents a caller may see, as one SQL predicate: staff see their node's subtree; everyone sees
 * what they reported and what is assigned to them. Outside it an incident looks absent (404).
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
        return scope != null && regionPath != null && (regionPath.equals(scope) || regionPath.startsWith(scope + "."));
    }

    /** The predicate on alias {@code i}, with the user id as parameter {@code $n} and the scope as {@code $n+1}. */
    public static String sql(int n) {
        return "(i.reporter_id = $" + n + " OR i.assignee_id = $" + n + " OR ($" + (n + 1)
                + "::text IS NOT NULL AND i.region_path <@ text2ltree($" + (n + 1) + "::text)))";
    }
}
