package cn.gridgov.people.house;

/**
 * Where a household lives, as other domains need it to link to one (a Party member's household): its room,
 * building and the building's region path (scope checks: {@code Actor.within(buildingPath, scope)}).
 */
public record HouseholdRef(long id, long roomId, String roomNumber, String unitName, long buildingId,
                           String buildingName, String buildingPath, int version) {
}
