package cn.gridgov.people.house;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A room as a form sends it. */
@Schema(name = "PeopleRoomRequest", description = "房屋信息")
public record RoomRequest(
        @Schema(description = "单元名称（没有单元的楼可不填）", nullable = true, example = "1单元") String unitName,
        @Schema(description = "房号（门牌上的号）", example = "302") String number,
        @Schema(description = "楼层", nullable = true, example = "3") Integer floor,
        @Schema(description = "面积（平方米）", nullable = true, example = "88.5") Double areaM2,
        @Schema(description = "用途：SELF_OCCUPIED 自住、RENTED 出租、VACANT 空置、COMMERCIAL 商用（也可写中文）", example = "RENTED") String use,
        @Schema(description = "修改时必填：读取时的版本号", nullable = true) Integer version) {
}
