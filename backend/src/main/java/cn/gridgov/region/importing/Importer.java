package cn.gridgov.region.importing;

import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;

/**
 * Who started an import, as they stood then: their user id, the path of their node and their rank; all null
 * for the system's own imports (first start).
 */
record Importer(Long userId, String path, Integer rank) {

    static final Importer SYSTEM = new Importer(null, null, null);

    static Importer of(Actor actor) {
        return actor == null ? SYSTEM : new Importer(actor.userId(), actor.scopePath(), actor.rank());
    }

    /** The importer, and admins who oversee them, see the job; the system's jobs are the county admins'. */
    boolean visibleTo(Actor viewer) {
        if (userId == null) {
            return viewer.hasRole(Role.COUNTY_ADMIN);
        }
        return userId == viewer.userId() || viewer.oversees(path, rank);
    }
}
