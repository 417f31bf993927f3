package cn.gridgov.people.house;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A room (房屋) of a building. */
@Schema(name = "PeopleRoomView", description = "房屋")
public record RoomView(long id, long buildingId, @Schema(nullable = true) String unitName, String number,
                       @Schema(nullable = true) Integer floor, @Schema(nullable = true) Double areaM2,
                       @Schema(description = "用途：SELF_OCCUPIED、RENTED、VACANT、COMMERCIAL") String use, int version) {

    static RoomView of(HouseholdRepository.RoomRow r) {
        return new RoomView(r.id(), r.buildingId(), r.unitName(), r.number(), r.floor(), r.areaM2(), r.use(), r.version());
    }
}
