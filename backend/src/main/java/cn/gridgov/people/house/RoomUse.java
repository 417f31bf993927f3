package cn.gridgov.people.house;

import java.util.Arrays;
import java.util.Optional;

/** What a room is used for (房屋用途), with the Chinese words imports and forms use. */
public enum RoomUse {
    /** 自住 */
    SELF_OCCUPIED("自住"),
    /** 出租 */
    RENTED("出租"),
    /** 空置 */
    VACANT("空置"),
    /** 商用 */
    COMMERCIAL("商用");

    private final String zh;

    RoomUse(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The use named by its code or its Chinese word ({@code RENTED} or {@code 出租}). */
    public static Optional<RoomUse> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(u -> u.name().equalsIgnoreCase(t) || u.zh.equals(t)).findFirst();
    }
}
