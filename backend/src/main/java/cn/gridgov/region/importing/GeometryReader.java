package cn.gridgov.region.importing;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Reads a GeoJSON Point, Polygon or MultiPolygon into JTS (WGS-84), checking its structure and coordinate
 * ranges; validity (self-intersection and the like) is left to PostGIS. Not thread-safe: one per import.
 */
final class GeometryReader {

    /** What went wrong with a geometry, as an import reason and its arguments. */
    static final class Refused extends Exception {
        final ImportReason reason;
        final transient Object[] args;

        Refused(ImportReason reason, Object... args) {
            super(reason.name(), null, false, false);
            this.reason = reason;
            this.args = args;
        }
    }

    private static final int WGS84 = 4326;

    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), WGS84);
    private final WKBWriter writer = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private final CoordType coordType;

    GeometryReader(CoordType coordType) {
        this.coordType = coordType;
    }

    /** The GeoJSON type name, or {@code null} when the node has none. */
    static String typeOf(JsonNode geometry) {
        JsonNode type = geometry.get("type");
        return type != null && type.isTextual() ? type.asText() : null;
    }

    /** Hex EWKB (SRID 4326) of a Point, Polygon or MultiPolygon given in this reader's coordinate system. */
    String readHex(JsonNode geometry) throws Refused {
        Geometry g = read(geometry);
        g.setSRID(WGS84);
        return WKBWriter.toHex(writer.write(g));
    }

    private Geometry read(JsonNode geometry) throws Refused {
        JsonNode coordinates = geometry.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            throw new Refused(ImportReason.BAD_GEOMETRY, "coordinates");
        }
        return switch (typeOf(geometry)) {
            case "Point" -> factory.createPoint(position(coordinates));
            case "Polygon" -> polygon(coordinates);
            case "MultiPolygon" -> {
                if (coordinates.isEmpty()) {
                    throw new Refused(ImportReason.BAD_GEOMETRY, "empty MultiPolygon");
                }
                Polygon[] polygons = new Polygon[coordinates.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(coordinates.get(i));
                }
                yield factory.createMultiPolygon(polygons);
            }
            default -> throw new IllegalArgumentException("unsupported type " + typeOf(geometry));
        };
    }

    private Polygon polygon(JsonNode rings) throws Refused {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new Refused(ImportReason.BAD_GEOMETRY, "a polygon needs at least one ring");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode positions) throws Refused {
        if (!positions.isArray() || positions.size() < 4) {
            throw new Refused(ImportReason.BAD_GEOMETRY, "a ring needs at least 4 positions");
        }
        Coordinate[] coords = new Coordinate[positions.size()];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = position(positions.get(i));
        }
        if (!coords[0].equals2D(coords[coords.length - 1])) {
            throw new Refused(ImportReason.BAD_GEOMETRY, "a ring must end where it starts");
        }
        return factory.createLinearRing(coords);
    }

    private Coordinate position(JsonNode position) throws Refused {
        if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
            throw new Refused(ImportReason.BAD_GEOMETRY, "a position is [longitude, latitude]");
        }
        double lng = position.get(0).doubleValue();
        double lat = position.get(1).doubleValue();
        if (!Double.isFinite(lng) || !Double.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
            throw new Refused(ImportReason.COORDINATE_OUT_OF_RANGE, position.get(0).asText(), position.get(1).asText());
        }
        LngLat wgs = coordType.toWgs84(new LngLat(lng, lat));
        return new Coordinate(wgs.lng(), wgs.lat());
    }
}
