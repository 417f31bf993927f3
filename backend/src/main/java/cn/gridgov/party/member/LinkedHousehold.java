package cn.gridgov.party.member;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A household as the household-link (党员联户) endpoints show it: where it lives, no personal data. */
public record LinkedHousehold(long householdId, long roomId, String roomNumber,
                              @Schema(nullable = true, description = "同一房屋多户时的区分") String label,
                              long buildingId, String buildingName) {
}
