package cn.gridgov.party.member;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.party.PartyConfig;
import cn.gridgov.party.org.PartyOrgService;
import cn.gridgov.people.house.HouseholdRef;
import cn.gridgov.people.house.HouseholdRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/**
 * Party member household links (党员联户): admins link a member in their scope to households of the building or
 * compound where the member lives (their approved dual registration's building), up to
 * {@link PartyConfig#householdLinksMax()} each; the member's row is locked while linking, so concurrent links
 * never pass the limit. Each organisation can list the households of its node(s) nobody looks after.
 */
@ApplicationScoped
public class HouseholdLinkService {

    private final Pool pool;
    private final HouseholdLinkRepository links;
    private final HouseholdRepository households;
    private final PartyMemberService members;
    private final PartyOrgService orgs;
    private final PartyConfig config;
    private final Clock clock;

    public HouseholdLinkService(Pool pool, HouseholdLinkRepository links, HouseholdRepository households,
                                PartyMemberService members, PartyOrgService orgs, PartyConfig config, Clock clock) {
        this.pool = pool;
        this.links = links;
        this.households = households;
        this.members = members;
        this.orgs = orgs;
        this.config = config;
        this.clock = clock;
    }

    public Uni<List<LinkedHousehold>> ofMember(Actor actor, long memberId) {
        return members.get(actor, memberId).chain(m -> links.ofMember(pool, memberId));
    }

    public Uni<List<LinkedHousehold>> link(Actor actor, long memberId, long householdId) {
        return members.get(actor, memberId).chain(member -> pool.withTransaction(tx -> links.lockMember(tx, memberId)
                .chain(() -> households.find(tx, householdId, actor.scopePath()))
                .chain(found -> {
                    HouseholdRef household = found.orElseThrow(() -> new NotFound("HOUSEHOLD_NOT_FOUND",
                            "户不存在或无权访问：" + householdId, "Household not found: " + householdId));
                    return links.homeBuildingPaths(tx, memberId).chain(homes -> {
                        if (homes.isEmpty()) {
                            throw new Unprocessable("NO_HOME_BUILDING", "党员须先到居住地社区双报到并登记居住楼栋，才能联系本楼栋或本小区的住户",
                                    "The member needs an approved dual registration naming their building first");
                        }
                        if (homes.stream().noneMatch(home -> sameCompound(home, household.buildingPath()))) {
                            throw new Unprocessable("HOUSEHOLD_TOO_FAR", "只能联系党员所住楼栋或所在小区的住户",
                                    "A member links to households of their own building or compound only");
                        }
                        return links.count(tx, memberId);
                    }).chain(count -> {
                        if (count >= config.householdLinksMax()) {
                            throw new Conflict("TOO_MANY_HOUSEHOLDS", "每名党员最多联系 " + config.householdLinksMax() + " 户",
                                    "A member links to at most " + config.householdLinksMax() + " households");
                        }
                        return links.insert(tx, memberId, householdId, actor.userId(), clock.instant());
                    });
                })
                .chain(() -> links.ofMember(tx, memberId))));
    }

    public Uni<Void> unlink(Actor actor, long memberId, long householdId) {
        return members.get(actor, memberId).chain(member -> pool.withTransaction(tx -> links.delete(tx, memberId, householdId)))
                .map(deleted -> {
                    if (!deleted) {
                        throw new NotFound("HOUSEHOLD_LINK_NOT_FOUND", "该党员未联系此户：" + householdId,
                                "The member is not linked to household " + householdId);
                    }
                    return null;
                });
    }

    /** The households within the organisation's node(s) that no member is linked to. */
    public Uni<CursorPage<LinkedHousehold>> unlinked(long orgId, String scope, String cursor, int limit) {
        Long after = CursorPage.after(cursor);
        return orgs.visible(pool, orgId, scope)
                .chain(org -> links.unlinkedWithin(pool, org.nodeIds(), after == null ? 0 : after, limit + 1)).map(rows -> CursorPage.of(rows, limit, LinkedHousehold::householdId));
    }

    /** Whether two buildings (by path) stand in one compound: the same node above them. */
    static boolean sameCompound(String buildingPath, String otherBuildingPath) {
        return parentOf(buildingPath).equals(parentOf(otherBuildingPath));
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
