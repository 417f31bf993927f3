package cn.gridgov.region;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Reading and locating in the region tree. Every read takes the caller's scope (the ltree path of the node their
 * account is bound to, {@code null} for unrestricted): nodes outside it answer 404 exactly like missing ones.
 */
@ApplicationScoped
public class RegionService {

    /** How many levels below a node an export may reach. */
    public static final int MAX_EXPORT_DEPTH = 4;

    private static final Pattern PATH = Pattern.compile("\\d+(\\.\\d+)*");

    private final RegionRepository regions;
    private final LocateIndex locator;
    private final RegionGeoJson geoJson;

    public RegionService(RegionRepository regions, LocateIndex locator, RegionGeoJson geoJson) {
        this.regions = regions;
        this.locator = locator;
        this.geoJson = geoJson;
    }

    public Uni<Region> get(long id, String scope, CoordType coordType) {
        return regions.findById(id, checkedScope(scope))
                .map(region -> {
                    if (region == null) {
                        throw notFound(id);
                    }
                    return in(coordType, region);
                });
    }

    public Uni<List<Region>> children(long id, String scope, CoordType coordType) {
        return get(id, scope, coordType)
                .chain(parent -> regions.children(id, scope))
                .map(list -> list.stream().map(r -> in(coordType, r)).toList());
    }

    /** The node's ancestors visible in the scope, root first, without the node itself. */
    public Uni<List<Region>> ancestors(long id, String scope, CoordType coordType) {
        return regions.ancestorsAndSelf(id, checkedScope(scope)).map(chain -> {
            if (chain.isEmpty() || chain.get(chain.size() - 1).id() != id) {
                throw notFound(id);
            }
            return chain.subList(0, chain.size() - 1).stream().map(r -> in(coordType, r)).toList();
        });
    }

    public Uni<CursorPage<Region>> list(RegionLevel level, Long parentId, String nameContains, String cursor,
                                        int limit, String scope, CoordType coordType) {
        String q = nameContains == null || nameContains.isBlank() ? null : nameContains.trim();
        return regions.list(level, parentId, q, CursorPage.after(cursor), limit + 1, checkedScope(scope))
                .map(rows -> CursorPage.of(rows.stream().map(r -> in(coordType, r)).toList(), limit, Region::id));
    }

    /**
     * The node and its descendants down to {@code depth} levels as a GeoJSON FeatureCollection in the import's
     * feature format, so that it can be imported again.
     */
    public Uni<ObjectNode> exportGeoJson(long id, int depth, String scope, CoordType coordType) {
        if (depth < 0 || depth > MAX_EXPORT_DEPTH) {
            throw DomainException.badRequest("BAD_DEPTH", "depth 应为 0 到 " + MAX_EXPORT_DEPTH + " 之间的整数",
                    "depth must be an integer from 0 to " + MAX_EXPORT_DEPTH);
        }
        return regions.subtree(id, depth, checkedScope(scope))
                // turning a large subtree into JSON is CPU work: keep it off the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw notFound(id);
                    }
                    return geoJson.featureCollection(rows, coordType);
                });
    }

    /** Where a point is; 404 OUTSIDE_COVERAGE when it is outside the county. */
    public Uni<Location> locate(LngLat point, CoordType coordType) {
        return locator.locate(coordType.toWgs84(point)).map(location -> {
            if (location == null) {
                throw new NotFound("OUTSIDE_COVERAGE", "该位置不在本县服务范围内",
                        "This place is outside the area we cover");
            }
            return location;
        });
    }

    private static Region in(CoordType coordType, Region region) {
        return region.position() == null ? region : region.withPosition(coordType.fromWgs84(region.position()));
    }

    private static DomainException notFound(long id) {
        return DomainException.notFound("Region", "区域", id);
    }

    /** A scope is an ltree of ids; anything else is a programming error upstream, never a silent "see all". */
    private static String checkedScope(String scope) {
        if (scope != null && !PATH.matcher(scope).matches()) {
            throw new IllegalArgumentException("not a region path: " + scope);
        }
        return scope;
    }
}
