package cn.gridgov.people.roster;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.people.house.HouseService;
import cn.gridgov.people.house.HouseholdRepository;
import cn.gridgov.people.house.HouseholdView;
import cn.gridgov.people.person.PersonRepository;
import cn.gridgov.people.person.PersonView;
import cn.gridgov.people.person.PersonViews;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A building's roster (实有人口 by household and room): its households by id, each with its room and people
 * (masked), a page at a time. Two indexed queries per page whatever the building's size.
 */
@ApplicationScoped
public class RosterService {

    /** Households per page when the client gives no limit. */
    public static final int DEFAULT_LIMIT = 50;

    private final Pool pool;
    private final HouseService houses;
    private final HouseholdRepository households;
    private final PersonRepository people;
    private final PersonViews views;

    public RosterService(Pool pool, HouseService houses, HouseholdRepository households, PersonRepository people,
                         PersonViews views) {
        this.pool = pool;
        this.houses = houses;
        this.households = households;
        this.people = people;
        this.views = views;
    }

    public Uni<CursorPage<HouseholdView>> roster(Actor actor, long buildingId, String cursor, String limit) {
        Long after = CursorPage.after(cursor);
        int size = CursorPage.limit(limit, DEFAULT_LIMIT);
        return houses.building(actor, buildingId)
                .chain(b -> households.ofBuilding(pool, buildingId, after == null ? 0 : after, size + 1))
                .chain(page -> {
                    List<HouseholdRepository.HouseholdRow> kept = page.size() > size ? page.subList(0, size) : page;
                    return people.ofHouseholds(pool, kept.stream().map(HouseholdRepository.HouseholdRow::id).toList())
                            .map(rows -> {
                                Map<Long, List<PersonView>> byHousehold = rows.stream().map(views::view)
                                        .collect(Collectors.groupingBy(PersonView::householdId));
                                List<HouseholdView> items = page.stream().map(h -> HouseholdView.of(h,
                                        byHousehold.getOrDefault(h.id(), List.of()))).toList();
                                return CursorPage.of(items, size, HouseholdView::id);
                            });
                });
    }
}
