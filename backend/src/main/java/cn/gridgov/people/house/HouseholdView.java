package cn.gridgov.people.house;

import cn.gridgov.people.person.PersonView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A household (户) with its room, building and people (masked). */
@Schema(name = "PeopleHouseholdView", description = "住户及其人员")
public record HouseholdView(long id, @Schema(nullable = true, description = "户的标签（同一房屋有多户时区分）") String label,
                            int version, Room room, Building building, List<PersonView> people) {

    /** Where the household lives. */
    @Schema(name = "PeopleHouseholdRoom")
    public record Room(long id, @Schema(nullable = true) String unitName, String number,
                       @Schema(nullable = true) Integer floor, String use) {
    }

    /** The building. */
    @Schema(name = "PeopleHouseholdBuilding")
    public record Building(long id, String name) {
    }

    public static HouseholdView of(HouseholdRepository.HouseholdRow h, List<PersonView> people) {
        return new HouseholdView(h.id(), h.label(), h.version(),
                new Room(h.roomId(), h.unitName(), h.roomNumber(), h.floor(), h.use()),
                new Building(h.buildingId(), h.buildingName()), people);
    }
}
