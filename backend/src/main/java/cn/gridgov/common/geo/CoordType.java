package cn.gridgov.common.geo;

import cn.gridgov.common.error.DomainException;

import java.util.Locale;

/** The coordinate system a client speaks: GPS and EXIF give WGS-84, WeChat maps GCJ-02. */
public enum CoordType {
    WGS84, GCJ02;

    /** Parses {@code wgs84} / {@code gcj02} (any case); {@code null} or blank gives the default. */
    public static CoordType parse(String value, CoordType defaultType) {
        if (value == null || value.isBlank()) {
            return defaultType;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "wgs84", "wgs-84" -> WGS84;
            case "gcj02", "gcj-02" -> GCJ02;
            default -> throw DomainException.badRequest("BAD_COORD_TYPE",
                    "coordType 只能是 wgs84 或 gcj02：" + value, "coordType must be wgs84 or gcj02: " + value);
        };
    }

    /** The point given in this system, expressed in WGS-84 (what we store). */
    public LngLat toWgs84(LngLat p) {
        return this == GCJ02 ? Gcj02.toWgs84(p) : p;
    }

    /** A stored WGS-84 point expressed in this system (what the client asked for). */
    public LngLat fromWgs84(LngLat p) {
        return this == GCJ02 ? Gcj02.fromWgs84(p) : p;
    }
}
