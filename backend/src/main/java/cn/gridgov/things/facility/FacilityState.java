package cn.gridgov.things.facility;

import java.util.Locale;
import java.util.Optional;

/** The state of a facility: in order, damaged, being repaired, or removed (kept for its history). */
public enum FacilityState {
    NORMAL("正常"), DAMAGED("损坏"), UNDER_REPAIR("维修中"), REMOVED("已拆除");

    private final String zh;

    FacilityState(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The state named by {@code NORMAL} (any case) or by its Chinese name ({@code 正常}); empty when neither. */
    public static Optional<FacilityState> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        for (FacilityState s : values()) {
            if (s.name().equals(v.toUpperCase(Locale.ROOT)) || s.zh.equals(v)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
