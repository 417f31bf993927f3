package cn.gridgov.region;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.util.List;

/**
 * Writes exported nodes as a GeoJSON FeatureCollection in exactly the import's feature format. Coordinates
 * keep full double precision (and are converted when GCJ-02 is asked for), so a WGS-84 export imports back
 * unchanged.
 */
@ApplicationScoped
public class RegionGeoJson {

    private final ObjectMapper json;

    public RegionGeoJson(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode featureCollection(List<RegionRepository.ExportRow> rows, CoordType coordType) {
        ObjectNode collection = json.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        WKBReader wkb = new WKBReader();
        for (RegionRepository.ExportRow row : rows) {
            ObjectNode feature = features.addObject().put("type", "Feature");
            ObjectNode props = feature.putObject("properties");
            props.put("code", row.code());
            props.put("parentCode", row.parentCode());
            props.put("name", row.name());
            props.put("level", row.level().name());
            props.set("attributes", attributes(row.attributes()));
            ObjectNode org = props.putObject("partyOrg").put("name", row.partyName());
            if (row.partySecretary() != null) {
                org.put("secretary", row.partySecretary());
            }
            feature.set("geometry", geometry(read(wkb, row.geometryWkb()), coordType));
        }
        return collection;
    }

    private ObjectNode attributes(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON", e);
        }
    }

    private static Geometry read(WKBReader reader, byte[] wkb) {
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("stored geometry is not WKB", e);
        }
    }

    private ObjectNode geometry(Geometry g, CoordType coordType) {
        ObjectNode node = json.createObjectNode();
        if (g instanceof Point p) {
            node.put("type", "Point");
            position(node.putArray("coordinates"), p.getCoordinate(), coordType);
        } else if (g instanceof Polygon p) {
            node.put("type", "Polygon");
            polygon(node.putArray("coordinates"), p, coordType);
        } else if (g instanceof MultiPolygon m) {
            node.put("type", "MultiPolygon");
            ArrayNode polygons = node.putArray("coordinates");
            for (int i = 0; i < m.getNumGeometries(); i++) {
                polygon(polygons.addArray(), (Polygon) m.getGeometryN(i), coordType);
            }
        } else {
            throw new IllegalStateException("unexpected stored geometry " + g.getGeometryType());
        }
        return node;
    }

    private static void polygon(ArrayNode rings, Polygon p, CoordType coordType) {
        ring(rings.addArray(), p.getExteriorRing(), coordType);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            ring(rings.addArray(), p.getInteriorRingN(i), coordType);
        }
    }

    private static void ring(ArrayNode positions, LineString ring, CoordType coordType) {
        for (Coordinate c : ring.getCoordinates()) {
            position(positions.addArray(), c, coordType);
        }
    }

    private static void position(ArrayNode out, Coordinate c, CoordType coordType) {
        LngLat p = coordType.fromWgs84(new LngLat(c.x, c.y));
        out.add(p.lng()).add(p.lat());
    }
}
