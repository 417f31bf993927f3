package cn.gridgov.people.visit;

import java.util.Arrays;
import java.util.Optional;

/** How a household was visited (走访方式). Only a home visit is expected near the building. */
public enum VisitMode {
    /** 上门 */
    HOME("上门"),
    /** 电话 */
    PHONE("电话"),
    /** 视频 */
    VIDEO("视频");

    private final String zh;

    VisitMode(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The mode named by its code or its Chinese word ({@code HOME} or {@code 上门}). */
    public static Optional<VisitMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(t) || m.zh.equals(t)).findFirst();
    }
}
