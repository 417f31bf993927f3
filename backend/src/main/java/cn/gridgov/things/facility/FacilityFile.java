package cn.gridgov.things.facility;

import cn.gridgov.common.error.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> records = records(text);
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
        for (Record rec : records.subList(1, records.size())) {
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
            rows.add(new Row(rec.line(), request, unreadable));
        }
        return rows;
    }

    private static Double number(Record rec, Integer column, String field, String zh,
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

    private static String field(Record rec, Integer column) {
        if (column == null || column >= rec.fields().size()) {
            return null;
        }
        String v = rec.fields().get(column).trim();
        return v.isEmpty() ? null : v;
    }

    private static String text(JsonNode props, String name) {
        JsonNode v = props.path(name);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** A CSV record and the line it starts on. */
    private record Record(int line, List<String> fields) {
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<Record> records(String text) {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    fields.add(field.toString());
                    out.add(new Record(start, List.copyOf(fields)));
                    fields.clear();
                    field.setLength(0);
                    any = false;
                    line++;
                    start = line;
                }
                default -> {
                    field.append(ch);
                    any = true;
                }
            }
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            out.add(new Record(start, List.copyOf(fields)));
        }
        return out;
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
