package cn.gridgov.people.house;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.security.Actor;
import cn.gridgov.people.house.HouseholdRepository.HouseholdRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * THE rule of who may see a household: staff whose scope holds its building ({@code path <@ scope}), or the resident
 * who claimed it. Anyone else gets 404 HOUSEHOLD_NOT_FOUND, as if it did not exist. Department staff (no node) see none.
 */
@ApplicationScoped
public class HouseholdAccess {

    private final HouseholdRepository households;

    public HouseholdAccess(HouseholdRepository households) {
        this.households = households;
    }

    /** The household if the actor may see it; 404 otherwise. */
    public Uni<HouseholdRow> visible(SqlClient db, Actor actor, long id) {
        if (actor.isStaff()) {
            if (actor.scopePath() == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return households.findDetail(db, id, actor.scopePath())
                    .map(found -> found.orElseThrow(() -> notFound(id)));
        }
        return households.claimedBy(db, actor.userId()).chain(own -> own.isPresent() && own.get() == id
                ? households.findDetail(db, id, null).map(found -> found.orElseThrow(() -> notFound(id)))
                : Uni.createFrom().failure(notFound(id)));
    }

    /** The scope of a staff member who manages houses (404 for department staff, who have no node). */
    public static String staffScope(Actor actor, String what, String zhWhat, Object id) {
        if (!actor.isStaff() || actor.scopePath() == null) {
            throw DomainException.notFound(what, zhWhat, id);
        }
        return actor.scopePath();
    }

    public static DomainException notFound(long id) {
        return DomainException.notFound("Household", "住户", id);
    }
}
