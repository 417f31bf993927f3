package cn.gridgov.stats.tile;

import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.security.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Draws a tile of one layer for a caller: the zoom decides the levels and whether incidents are clustered. */
@ApplicationScoped
public class TileService {

    private final TileRepository tiles;

    public TileService(TileRepository tiles) {
        this.tiles = tiles;
    }

    /** {@code state} is {@code open} (the default: what is still to be handled) or {@code all}. */
    public Uni<MapTile> tile(TileLayer layer, TileAddress at, String state, Actor actor) {
        boolean includeClosed = includeClosed(state);
        Uni<byte[]> bytes = switch (layer) {
            case REGIONS -> tiles.regions(at, actor.scopePath(), TileRules.regionLevels(at.z()));
            case INCIDENTS -> tiles.incidents(at, actor.userId(), actor.scopePath(), !TileRules.pointsAt(at.z()),
                    includeClosed);
            case DENSITY -> tiles.density(at, actor.userId(), actor.scopePath(), includeClosed);
        };
        return bytes.map(b -> MapTile.of(layer, b));
    }

    static boolean includeClosed(String state) {
        if (state == null || state.isBlank() || state.equals("open")) {
            return false;
        }
        if (state.equals("all")) {
            return true;
        }
        throw new Invalid("BAD_TILE_STATE", "state 只能是 open（未办结，默认）或 all（全部）",
                "state must be open (the default) or all");
    }
}
