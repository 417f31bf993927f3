package cn.gridgov.people.house;

import java.util.ArrayList;
import java.util.List;

/** THE rules of a room's fields, for a form and an import row alike. */
public final class RoomCheck {

    private static final int NAME_MAX = 32;

    private RoomCheck() {
    }

    /** A field's problem in Chinese and English. */
    public record Problem(String field, String zh, String en) {
    }

    /** A room's fields, checked. */
    public record Room(String unitName, String number, Integer floor, Double areaM2, RoomUse use) {
    }

    public static List<Problem> problems(RoomRequest r) {
        List<Problem> errors = new ArrayList<>();
        String number = HouseService.blankToNull(r.number());
        if (number == null) {
            errors.add(new Problem("number", "请填写房号", "number is required"));
        } else if (number.length() > NAME_MAX) {
            errors.add(new Problem("number", "房号过长（最多 " + NAME_MAX + " 字）", "number is too long"));
        }
        if (r.unitName() != null && r.unitName().strip().length() > NAME_MAX) {
            errors.add(new Problem("unitName", "单元名称过长（最多 " + NAME_MAX + " 字）", "unitName is too long"));
        }
        if (r.areaM2() != null && !(r.areaM2() > 0 && r.areaM2() < 1_000_000)) {
            errors.add(new Problem("areaM2", "面积应为正数（平方米）", "areaM2 must be positive"));
        }
        if (r.floor() != null && (r.floor() < -10 || r.floor() > 200)) {
            errors.add(new Problem("floor", "楼层应在 -10 到 200 之间", "floor must be from -10 to 200"));
        }
        if (RoomUse.parse(r.use()).isEmpty()) {
            errors.add(new Problem("use", (r.use() == null || r.use().isBlank() ? "请填写用途" : "用途无效：" + r.use())
                    + "（应为 自住、出租、空置 或 商用）", "unknown use: " + r.use()));
        }
        return errors;
    }

    /** The checked room; call only when {@link #problems} is empty. */
    public static Room room(RoomRequest r) {
        return new Room(HouseService.blankToNull(r.unitName()), r.number().strip(), r.floor(), r.areaM2(),
                RoomUse.parse(r.use()).orElseThrow());
    }
}
