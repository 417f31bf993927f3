package cn.gridgov.region;

import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The region tree as {@code locate.sql} sees it, held in memory: every boundary in one STR-tree, each area's
 * chain, each compound's children with their boxes. It answers what the statement answers without the database,
 * except the distance to the nearest building when no footprint contains the point: that one is measured on the
 * spheroid by PostGIS ({@link Answer#candidates()}), so the figure stays exactly the statement's. Immutable once
 * built; read by any thread.
 */
public final class LocateTree {

    /** Areas with more vertices than this get an indexed point-in-area test (built before the tree is shared). */
    static final int INDEXED_ABOVE_VERTICES = 64;
    /**
     * The half-side in metres of the box around the point that picks nearest-building candidates. Wider than
     * the statement's 33 m box, so no building within its 30 m is missed; the statement's own conditions then
     * decide among the candidates.
     */
    static final double CANDIDATE_BOX_METRES = 40.0;

    private static final GeometryFactory GEOMETRIES = new GeometryFactory(new PrecisionModel(), 4326,
            PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    /** One row as loaded: a node, its boundary (WKB, or null) and the box of its boundary or position. */
    public record Row(long id, String code, String name, RegionLevel level, int depth, Long parentId,
                      List<Location.Node> chain, byte[] boundaryWkb, double minX, double minY, double maxX,
                      double maxY) {
    }

    /**
     * What the tree answers for a point: null (outside the county), a whole location, or the chain with the ids
     * of the buildings that may lie within 30 m (the database measures them).
     */
    public record Answer(Location location, List<Location.Node> chain, long[] candidates) {
    }

    /** A node with a boundary, as the STR-tree holds it. */
    private record Area(long id, String code, String name, RegionLevel level, int depth, List<Location.Node> chain,
                        PointOnGeometryLocator locator) {
    }

    /** A child of a compound: its id and the box of its footprint or position. */
    private record Child(long id, Envelope box) {
    }

    private final STRtree boundaries;
    private final Map<Long, Child[]> childrenOfCompounds;
    private final int size;

    private LocateTree(STRtree boundaries, Map<Long, Child[]> childrenOfCompounds, int size) {
        this.boundaries = boundaries;
        this.childrenOfCompounds = childrenOfCompounds;
        this.size = size;
    }

    /** Builds the tree from every row of the region table (CPU work: off the event loop). */
    public static LocateTree of(List<Row> rows) {
        WKBReader wkb = new WKBReader(GEOMETRIES);
        STRtree boundaries = new STRtree();
        Map<Long, RegionLevel> levels = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            levels.put(row.id(), row.level());
        }
        Map<Long, List<Child>> children = new HashMap<>();
        for (Row row : rows) {
            // one box per node, shared by the STR-tree and the compound's list of children
            Envelope box;
            if (row.boundaryWkb() != null) {
                Geometry boundary = read(wkb, row);
                box = boundary.getEnvelopeInternal();
                boundaries.insert(box, new Area(row.id(), row.code(), row.name(), row.level(), row.depth(),
                        row.chain(), locator(boundary)));
            } else {
                box = new Envelope(row.minX(), row.maxX(), row.minY(), row.maxY());
            }
            if (row.parentId() != null && levels.get(row.parentId()) == RegionLevel.COMPOUND) {
                children.computeIfAbsent(row.parentId(), k -> new ArrayList<>()).add(new Child(row.id(), box));
            }
        }
        boundaries.build();
        Map<Long, Child[]> childrenOfCompounds = new HashMap<>(children.size() * 2);
        children.forEach((compound, list) -> childrenOfCompounds.put(compound, list.toArray(Child[]::new)));
        return new LocateTree(boundaries, childrenOfCompounds, rows.size());
    }

    /** How many nodes were loaded. */
    public int size() {
        return size;
    }

    /**
     * Where a WGS-84 point is, by the rules of {@code locate.sql}: the deepest area covering it (a tie between
     * areas of the same depth goes to the lowest id), the building whose footprint covers it (lowest id), else,
     * in a compound, the candidates for the nearest building. Null when no area covers the point.
     */
    public Answer locate(double lng, double lat) {
        Coordinate point = new Coordinate(lng, lat);
        Area deepest = null;
        Area footprint = null;
        for (Object item : boundaries.query(new Envelope(point))) {
            Area area = (Area) item;
            if (area.locator().locate(point) == org.locationtech.jts.geom.Location.EXTERIOR) {
                continue;
            }
            if (area.level() == RegionLevel.BUILDING) {
                if (footprint == null || area.id() < footprint.id()) {
                    footprint = area;
                }
            } else if (deepest == null || area.depth() > deepest.depth()
                    || area.depth() == deepest.depth() && area.id() < deepest.id()) {
                deepest = area;
            }
        }
        if (deepest == null) {
            return null;
        }
        if (footprint != null) {
            return whole(deepest, new Location.Building(footprint.id(), footprint.code(),
                    footprint.name(), 0.0));
        }
        Child[] children = deepest.level() == RegionLevel.COMPOUND ? childrenOfCompounds.get(deepest.id()) : null;
        if (children == null) {
            return whole(deepest, null);
        }
        Envelope near = new Envelope(point);
        near.expandBy(CANDIDATE_BOX_METRES / (111320.0 * Math.cos(Math.toRadians(lat))),
                CANDIDATE_BOX_METRES / 110574.0);
        long[] candidates = new long[children.length];
        int n = 0;
        for (Child child : children) {
            if (child.box().intersects(near)) {
                candidates[n++] = child.id();
            }
        }
        if (n == 0) {
            return whole(deepest, null);
        }
        return new Answer(null, deepest.chain(), Arrays.copyOf(candidates, n));
    }

    /**
     * How a boundary is asked whether it covers a point (the STR-tree has already checked its box). Most footprints
     * are one ring without holes: only that ring is kept (a packed array of coordinates), not the polygon objects
     * around it, which would take most of the tree's memory; large areas get an index, the rest the simple test.
     */
    private static PointOnGeometryLocator locator(Geometry boundary) {
        if (boundary.getNumPoints() > INDEXED_ABOVE_VERTICES) {
            PointOnGeometryLocator indexed = new IndexedPointInAreaLocator(boundary);
            // its index is built on first use: build it now, before the tree is shared between threads
            indexed.locate(boundary.getCoordinate());
            return indexed;
        }
        if (boundary.getNumGeometries() == 1 && boundary.getGeometryN(0) instanceof Polygon polygon
                && polygon.getNumInteriorRing() == 0) {
            CoordinateSequence ring = polygon.getExteriorRing().getCoordinateSequence();
            return point -> RayCrossingCounter.locatePointInRing(point, ring);
        }
        return new SimplePointInAreaLocator(boundary);
    }

    private static Answer whole(Area deepest, Location.Building building) {
        return new Answer(new Location(deepest.chain(), building), deepest.chain(), null);
    }

    private static Geometry read(WKBReader wkb, Row row) {
        try {
            return wkb.read(row.boundaryWkb());
        } catch (ParseException e) {
            throw new IllegalStateException("region " + row.id() + ": unreadable boundary", e);
        }
    }
}
