package cn.gridgov.region.importing;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.party.PartyOrgKind;
import cn.gridgov.region.RegionLevel;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an import file (a GeoJSON FeatureCollection) one feature at a time, so that even 250,000 features are
 * never one big tree in memory, and checks what can be checked on a feature alone: required properties, types
 * and lengths, the level, the geometry's structure, type and coordinate range, duplicate codes, a second county.
 */
final class FeatureReader {

    /** What was read: the features to load, the problems found so far, and how many features the file has. */
    record Parsed(List<ImportFeature> features, List<FeatureProblem> problems, int total) {
    }

    private static final FeatureProblem.Words STRING = new FeatureProblem.Words("字符串", "a string");
    private static final FeatureProblem.Words OBJECT = new FeatureProblem.Words("JSON 对象", "a JSON object");
    private static final Set<String> AREA_GEOMETRIES = Set.of("Polygon", "MultiPolygon");
    private static final Set<String> BUILDING_GEOMETRIES = Set.of("Point", "Polygon", "MultiPolygon");

    private final ObjectMapper mapper;
    private final GeometryReader geometries;
    private final List<ImportFeature> features = new ArrayList<>();
    private final List<FeatureProblem> problems = new ArrayList<>();
    private final Map<String, Integer> firstIndexOfCode = new HashMap<>();
    private String countyCode;

    private FeatureReader(ObjectMapper mapper, CoordType coordType) {
        this.mapper = mapper;
        this.geometries = new GeometryReader(coordType);
    }

    /** Reads the whole body; 400 when it is not JSON or not a FeatureCollection. */
    static Parsed read(byte[] body, CoordType coordType, ObjectMapper mapper) {
        FeatureReader reader = new FeatureReader(mapper, coordType);
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            return reader.readCollection(parser);
        } catch (IOException e) {
            throw DomainException.badRequest("MALFORMED_BODY", "请求体不是有效的 JSON", "The request body is not valid JSON");
        }
    }

    private Parsed readCollection(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw notACollection();
        }
        String type = null;
        int total = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                type = parser.getText();
            } else if ("features".equals(field) && value == JsonToken.START_ARRAY) {
                total = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    readFeature(total++, mapper.readTree(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
        if (!"FeatureCollection".equals(type) || total < 0) {
            throw notACollection();
        }
        return new Parsed(features, problems, total);
    }

    private void readFeature(int index, JsonNode node) {
        int problemsBefore = problems.size();
        if (!node.isObject() || !"Feature".equals(node.path("type").asText(null))) {
            problems.add(FeatureProblem.of(index, null, ImportReason.NOT_A_FEATURE));
            return;
        }
        JsonNode props = node.path("properties");
        String code = text(index, null, props, "code", 64, true);
        String name = text(index, code, props, "name", 128, true);
        String parentCode = text(index, code, props, "parentCode", Integer.MAX_VALUE, false);
        String levelText = text(index, code, props, "level", Integer.MAX_VALUE, true);
        RegionLevel level = RegionLevel.fromName(levelText);
        if (levelText != null && level == null) {
            problem(index, code, ImportReason.BAD_LEVEL, levelText);
        }
        if (level == RegionLevel.COUNTY && parentCode != null) {
            problem(index, code, ImportReason.COUNTY_WITH_PARENT);
        } else if (level != null && level != RegionLevel.COUNTY && parentCode == null) {
            problem(index, code, ImportReason.MISSING_PROPERTY, "parentCode");
        }
        String attributes = attributes(index, code, props.get("attributes"));
        JsonNode org = props.get("partyOrg");
        String orgName = null;
        String secretary = null;
        if (org != null && !org.isNull() && !org.isObject()) {
            problem(index, code, ImportReason.BAD_PROPERTY, "partyOrg", OBJECT);
        } else if (org != null && org.isObject()) {
            orgName = text(index, code, org, "name", 160, false);
            secretary = text(index, code, org, "secretary", 64, false);
        }
        String geometry = geometry(index, code, level, node.get("geometry"));

        boolean sound = problems.size() == problemsBefore;
        if (code == null || duplicate(index, code)) {
            return;
        }
        if (level == RegionLevel.COUNTY) {
            if (countyCode != null) {
                problem(index, code, ImportReason.SECOND_COUNTY, countyCode);
                return;
            }
            countyCode = code;
        }
        PartyOrgKind kind = level == null ? null : level.partyOrgKind();
        if (orgName == null && kind != null && name != null) {
            orgName = kind.defaultName(name);
        }
        features.add(new ImportFeature(index, code, parentCode, name, level, attributes, kind, orgName, secretary,
                geometry, sound));
    }

    private boolean duplicate(int index, String code) {
        Integer first = firstIndexOfCode.putIfAbsent(code, index);
        if (first != null) {
            problem(index, code, ImportReason.DUPLICATE_CODE, code, first);
            return true;
        }
        return false;
    }

    /** A string property (numbers are taken as their text); blank counts as absent. */
    private String text(int index, String code, JsonNode object, String field, int maxLength, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                problem(index, code, ImportReason.MISSING_PROPERTY, field);
            }
            return null;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            problem(index, code, ImportReason.BAD_PROPERTY, field, STRING);
            return null;
        }
        String text = value.asText().trim();
        if (text.length() > maxLength) {
            problem(index, code, ImportReason.TOO_LONG, field, maxLength);
            return null;
        }
        return text;
    }

    private String attributes(int index, String code, JsonNode value) {
        if (value == null || value.isNull()) {
            return "{}";
        }
        if (!value.isObject()) {
            problem(index, code, ImportReason.BAD_PROPERTY, "attributes", OBJECT);
            return "{}";
        }
        return value.toString();
    }

    private String geometry(int index, String code, RegionLevel level, JsonNode geometry) {
        if (geometry == null || geometry.isNull()) {
            problem(index, code, ImportReason.MISSING_GEOMETRY);
            return null;
        }
        String type = geometry.isObject() ? GeometryReader.typeOf(geometry) : null;
        if (type == null) {
            problem(index, code, ImportReason.BAD_GEOMETRY, "type");
            return null;
        }
        Set<String> allowed = level == null || level == RegionLevel.BUILDING ? BUILDING_GEOMETRIES : AREA_GEOMETRIES;
        if (!allowed.contains(type)) {
            if (level == null) {
                problem(index, code, ImportReason.BAD_GEOMETRY, type);
            } else {
                problem(index, code, ImportReason.WRONG_GEOMETRY_TYPE, level,
                        level.isArea() ? "Polygon / MultiPolygon" : "Point / Polygon / MultiPolygon", type);
            }
            return null;
        }
        try {
            return geometries.readHex(geometry);
        } catch (GeometryReader.Refused refused) {
            problem(index, code, refused.reason, refused.args);
            return null;
        }
    }

    private void problem(int index, String code, ImportReason reason, Object... args) {
        problems.add(FeatureProblem.of(index, code, reason, args));
    }

    private static DomainException notACollection() {
        return DomainException.badRequest("NOT_A_FEATURE_COLLECTION",
                "请求体应为 GeoJSON FeatureCollection（含 features 数组）",
                "The body must be a GeoJSON FeatureCollection with a features array");
    }
}
