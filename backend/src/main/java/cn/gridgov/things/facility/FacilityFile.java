package cn.gridgov.things.facility;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.imports.ImportTable;
import cn.gridgov.common.imports.ImportTable.Line;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an import file into numbered rows: a GeoJSON FeatureCollection of Point features (row = the feature's
 * number, first = 1) or a CSV file with Chinese (or English) headers (row = the line, the header being line 1).
 */
final class FacilityFile {

    /** The most rows one import may hold. */
    static final int MAX_ROWS = 5000;

    /** The CSV columns: Chinese header, English header, the request field. */
    private static final String[][] COLUMNS = {
            {"编码", "code"}, {"名称", "name"}, {"类型", "categoryCode"}, {"经度", "lng"}, {"纬度", "lat"},
            {"状态", "state"}, {"权属部门", "departmentCode"}, {"备注", "note"}};

    private FacilityFile() {
    }

    /** One row: its number, the request it makes, and what could not even be read. */
    record Row(int number, FacilityRequest request, List<FacilityCheck.Problem> unreadable) {
    }

    static List<Row> geoJson(byte[] bytes, ObjectMapper json, String coordType) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            throw badFile("不是有效的 JSON", "not valid JSON");
        }
        if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asText())
                || !root.path("features").isArray()) {
            throw badFile("应为 GeoJSON FeatureCollection", "expected a GeoJSON FeatureCollection");
        }
        JsonNode features = root.get("features");
        tooMany(features.size());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            List<FacilityCheck.Problem> unreadable = new ArrayList<>();
            JsonNode props = f.path("properties");
            JsonNode geometry = f.path("geometry");
            Double lng = null;
            Double lat = null;
            if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
                unreadable.add(new FacilityCheck.Problem("", "不是 GeoJSON Feature 对象", "not a GeoJSON Feature object"));
            } else if (!"Point".equals(geometry.path("type").asText()) || !geometry.path("coordinates").isArray()
                    || geometry.path("coordinates").size() < 2 || !geometry.path("coordinates").get(0).isNumber()
                    || !geometry.path("coordinates").get(1).isNumber()) {
                unreadable.add(new FacilityCheck.Problem("geometry", "几何应为点（Point）且带经纬度",
                        "the geometry must be a Point with coordinates"));
            } else {
                lng = geometry.get("coordinates").get(0).asDouble();
                lat = geometry.get("coordinates").get(1).asDouble();
            }
            FacilityRequest request = new FacilityRequest(text(props, "code"), text(props, "name"),
                    text(props, "categoryCode"), new FacilityRequest.FacilityPosition(lng, lat, coordType),
                    text(props, "departmentCode"), text(props, "state"), text(props, "note"), null);
            rows.add(new Row(i + 1, request, unreadable));
        }
        return rows;
    }

    static List<Row> csv(byte[] bytes, String coordType) {
        List<Line> records = ImportTable.csv(bytes);
        if (records.isEmpty()) {
            throw badFile("文件为空", "the file is empty");
        }
        List<String> header = records.get(0).fields();
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c).trim();
            for (String[] col : COLUMNS) {
                if (col[0].equals(h) || col[1].equalsIgnoreCase(h)) {
                    column.put(col[1], c);
                }
            }
        }
        for (String required : List.of("name", "categoryCode", "lng", "lat")) {
            if (!column.containsKey(required)) {
                String zh = java.util.Arrays.stream(COLUMNS).filter(col -> col[1].equals(required)).findFirst()
                        .map(col -> col[0]).orElse(required);
                throw badFile("缺少列：" + zh, "missing column: " + required);
            }
        }
        tooMany(records.size() - 1);
        List<Row> rows = new ArrayList<>();
        for (Line rec : records.subList(1, records.size())) {
            if (rec.fields().stream().allMatch(String::isBlank)) {
                continue;
            }
            List<FacilityCheck.Problem> unreadable = new ArrayList<>();
            Double lng = number(rec, column.get("lng"), "lng", "经度", unreadable);
            Double lat = number(rec, column.get("lat"), "lat", "纬度", unreadable);
            FacilityRequest request = new FacilityRequest(field(rec, column.get("code")), field(rec, column.get("name")),
                    field(rec, column.get("categoryCode")),
                    lng == null || lat == null ? null : new FacilityRequest.FacilityPosition(lng, lat, coordType),
                    field(rec, column.get("departmentCode")), field(rec, column.get("state")),
                    field(rec, column.get("note")), null);
            rows.add(new Row(rec.number(), request, unreadable));
        }
        return rows;
    }

    private static Double number(Line rec, Integer column, String field, String zh,
                                 List<FacilityCheck.Problem> unreadable) {
        String value = field(rec, column);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            unreadable.add(new FacilityCheck.Problem(field, zh + "不是数字：" + value, field + " is not a number: " + value));
            return null;
        }
    }

    private static String field(Line rec, Integer column) {
        return rec.field(column);
    }

    private static String text(JsonNode props, String name) {
        JsonNode v = props.path(name);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static void tooMany(int rows) {
        if (rows > MAX_ROWS) {
            throw badFile("行数过多：" + rows + "（一次最多 " + MAX_ROWS + " 行）",
                    "too many rows: " + rows + " (at most " + MAX_ROWS + ")");
        }
    }

    static DomainException badFile(String zh, String en) {
        return DomainException.badRequest("BAD_FACILITY_FILE", "导入文件无法读取：" + zh, "Cannot read the import file: " + en);
    }
}
