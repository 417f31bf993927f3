package cn.gridgov.common.geo;

import cn.gridgov.common.error.DomainException;

/** A longitude/latitude pair in degrees. */
public record LngLat(double lng, double lat) {

    /** Refuses what is not a coordinate on Earth (NaN, infinite, out of range) with a 400. */
    public static LngLat checked(Double lng, Double lat) {
        if (lng == null || lat == null) {
            throw DomainException.badRequest("BAD_COORDINATES", "缺少经纬度（lng、lat）", "lng and lat are required");
        }
        if (!Double.isFinite(lng) || !Double.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
            throw DomainException.badRequest("BAD_COORDINATES",
                    "经纬度超出范围：lng 应在 -180..180，lat 应在 -90..90",
                    "Coordinates out of range: lng must be within -180..180 and lat within -90..90");
        }
        return new LngLat(lng, lat);
    }
}
