package cn.gridgov.stats.tile;

import cn.gridgov.common.error.NotFound;

import java.util.Locale;

/** The vector-tile layers the map can ask for: region boundaries, incidents (clustered when zoomed out), their density. */
public enum TileLayer {
    REGIONS, INCIDENTS, DENSITY;

    /** The layer's name inside the tile and in the URL ({@code regions}, {@code incidents}, {@code density}). */
    public String layerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layer named in the URL; an unknown name is a missing resource (404 TILE_LAYER_NOT_FOUND). */
    public static TileLayer parse(String name) {
        for (TileLayer layer : values()) {
            if (layer.layerName().equals(name)) {
                return layer;
            }
        }
        throw new NotFound("TILE_LAYER_NOT_FOUND", "没有这个地图图层：可用 regions、incidents、density",
                "No such map layer: use regions, incidents or density");
    }
}
