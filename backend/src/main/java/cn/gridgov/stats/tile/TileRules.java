package cn.gridgov.stats.tile;

import cn.gridgov.region.RegionLevel;

import java.util.List;

/**
 * What each zoom shows, written once: which levels of the tree draw their boundaries, from which zoom incidents are
 * single points rather than clusters, and how fine clusters and density cells are.
 */
public final class TileRules {

    /** From this zoom on (about 10 m a pixel) incidents are drawn one by one; below it, clustered. */
    public static final int POINTS_FROM_ZOOM = 14;
    /** Clusters snap to a grid of this many cells across a tile (256 px / 32 = one cluster per 8 px). */
    public static final int CLUSTER_CELLS = 32;
    /** The density layer counts incidents in this many cells across a tile. */
    public static final int DENSITY_CELLS = 16;
    /** MVT extent and buffer (the PostGIS defaults): coordinates in 0..4096, 64 units drawn beyond each edge. */
    public static final int EXTENT = 4096;
    public static final int BUFFER = 64;

    private TileRules() {
    }

    /** The levels whose boundaries a tile at zoom {@code z} draws: coarse levels when zoomed out, fine ones when in. */
    public static List<RegionLevel> regionLevels(int z) {
        if (z < 9) {
            return List.of(RegionLevel.COUNTY, RegionLevel.TOWN);
        }
        if (z < 12) {
            return List.of(RegionLevel.TOWN, RegionLevel.COMMUNITY);
        }
        if (z < POINTS_FROM_ZOOM) {
            return List.of(RegionLevel.COMMUNITY, RegionLevel.COMPOUND);
        }
        return List.of(RegionLevel.COMPOUND, RegionLevel.BUILDING);
    }

    /** Whether incidents at zoom {@code z} are drawn one by one. */
    public static boolean pointsAt(int z) {
        return z >= POINTS_FROM_ZOOM;
    }
}
