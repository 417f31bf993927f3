package cn.gridgov.region;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Where a point is: the chain of areas containing it, county first, and the building it is in or next to
 * ({@code null} when there is none within reach).
 */
public record Location(List<Node> chain, @Schema(nullable = true) Building building) {

    /** One area of the chain. */
    public record Node(long id, String code, String name, RegionLevel level) {
    }

    /** The building containing the point, or the nearest one of its compound within 30 m. */
    public record Building(long id, String code, String name, double distanceMetres) {
    }

    /** The deepest area containing the point. */
    public Node deepest() {
        return chain.get(chain.size() - 1);
    }
}
