package cn.gridgov.stats.tile;

import cn.gridgov.common.error.Invalid;

/** One tile of the Web Mercator (EPSG:3857) pyramid, {@code z/x/y} as in the XYZ scheme, checked on the way in. */
public record TileAddress(int z, int x, int y) {

    /** Deepest zoom served: buildings are distinct long before it. */
    public static final int MAX_ZOOM = 22;

    public TileAddress {
        if (z < 0 || z > MAX_ZOOM) {
            throw new Invalid("BAD_TILE", "缩放级别 z 应在 0 到 " + MAX_ZOOM + " 之间",
                    "Zoom z must be between 0 and " + MAX_ZOOM);
        }
        long size = 1L << z;
        if (x < 0 || x >= size || y < 0 || y >= size) {
            throw new Invalid("BAD_TILE", "瓦片坐标超出范围：缩放级别 " + z + " 下 x、y 应在 0 到 " + (size - 1) + " 之间",
                    "Tile x and y must be between 0 and " + (size - 1) + " at zoom " + z);
        }
    }
}
