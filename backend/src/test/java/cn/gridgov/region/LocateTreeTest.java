package cn.gridgov.region;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.util.GeometricShapeFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The shapes the database grid of LocateChainTest does not have: a county with many vertices (the indexed test), a
 * compound with a hole, a building in two parts, a building known only by its position. Covering includes the
 * boundary, as ST_Covers does.
 */
class LocateTreeTest {

    private static final GeometryFactory F = new GeometryFactory();

    private final Location.Node county = new Location.Node(1, "C", "县", RegionLevel.COUNTY);
    private final Location.Node compound = new Location.Node(2, "K", "小区", RegionLevel.COMPOUND);
    private final LocateTree tree = LocateTree.of(List.of(
            area(county, null, 1, circle(0, 0, 1.0, 200)),
            area(compound, county, 2, withHole()),
            building(3, "B3", compound, F.createMultiPolygon(new Polygon[]{box(0.1000, 0.1000, 0.1001, 0.1001),
                    box(0.1004, 0.1000, 0.1005, 0.1001)})),
            new LocateTree.Row(4, "B4", "4号楼", RegionLevel.BUILDING, 3, compound.id(), null, null,
                    0.18, 0.18, 0.18, 0.18)));

    @Test
    void aCountyWithManyVerticesCoversItsInsideAndNotBeyond() {
        assertEquals(List.of(county), tree.locate(0.9, 0.0).location().chain());
        assertNull(tree.locate(1.01, 0.0));
    }

    @Test
    void aPointInTheCompoundsHoleIsInTheCountyOnly() {
        assertEquals(List.of(county, compound), tree.locate(0.02, 0.02).location().chain());
        assertEquals(List.of(county), tree.locate(0.50, 0.50).location().chain(), "in the hole");
        assertEquals(List.of(county, compound), tree.locate(0.40, 0.50).location().chain(), "on the hole's edge");
        assertEquals(List.of(county, compound), tree.locate(0.0, 0.30).location().chain(), "on the outer edge");
    }

    @Test
    void eitherPartOfABuildingIsItsFootprint() {
        LocateTree.Answer inSecondPart = tree.locate(0.10045, 0.10005);
        assertEquals(3, inSecondPart.location().building().id());
        assertEquals(0.0, inSecondPart.location().building().distanceMetres());
        assertEquals(3, tree.locate(0.1005, 0.1001).location().building().id(), "on a corner");
    }

    @Test
    void nearABuildingTheCandidatesAreItsCompoundsChildrenWithinReach() {
        // between the two parts of building 3 (~17 m from each): no footprint, building 3 is within reach
        LocateTree.Answer between = tree.locate(0.10025, 0.10005);
        assertNull(between.location());
        assertEquals(List.of(county, compound), between.chain());
        assertArrayEquals(new long[]{3}, between.candidates());
        // next to building 4, known by its position only
        assertArrayEquals(new long[]{4}, tree.locate(0.1801, 0.1801).candidates());
        // far from both: the compound, no building, nothing to measure
        LocateTree.Answer far = tree.locate(0.02, 0.02);
        assertNotNull(far.location());
        assertNull(far.location().building());
    }

    private static LocateTree.Row area(Location.Node node, Location.Node parent, int depth, Geometry boundary) {
        List<Location.Node> chain = parent == null ? List.of(node) : List.of(parent, node);
        Envelope box = boundary.getEnvelopeInternal();
        return new LocateTree.Row(node.id(), node.code(), node.name(), node.level(), depth,
                parent == null ? null : parent.id(), chain, new WKBWriter().write(boundary),
                box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
    }

    private static LocateTree.Row building(long id, String code, Location.Node parent, Geometry footprint) {
        Envelope box = footprint.getEnvelopeInternal();
        return new LocateTree.Row(id, code, code, RegionLevel.BUILDING, 3, parent.id(), null,
                new WKBWriter().write(footprint), box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
    }

    private static Geometry circle(double x, double y, double radius, int points) {
        GeometricShapeFactory shapes = new GeometricShapeFactory(F);
        shapes.setCentre(new Coordinate(x, y));
        shapes.setSize(radius * 2);
        shapes.setNumPoints(points);
        return F.createMultiPolygon(new Polygon[]{shapes.createCircle()});
    }

    /** A square from (0, 0) to (0.6, 0.6) with a hole from (0.4, 0.4) to (0.55, 0.55). */
    private static Geometry withHole() {
        LinearRing shell = box(0.0, 0.0, 0.6, 0.6).getExteriorRing();
        LinearRing hole = box(0.40, 0.40, 0.55, 0.55).getExteriorRing();
        return F.createMultiPolygon(new Polygon[]{F.createPolygon(shell, new LinearRing[]{hole})});
    }

    private static Polygon box(double x1, double y1, double x2, double y2) {
        return F.createPolygon(new Coordinate[]{new Coordinate(x1, y1), new Coordinate(x2, y1), new Coordinate(x2, y2),
                new Coordinate(x1, y2), new Coordinate(x1, y1)});
    }
}
