package cn.gridgov.people.importing;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.imports.ImportTable;
import cn.gridgov.common.imports.ImportTable.Line;
import cn.gridgov.people.house.RoomRequest;
import cn.gridgov.people.person.PersonRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a roster file (CSV or .xlsx, Chinese or English headers) into numbered rows: each row a room of the
 * building, optionally a household in it (户) and a person of that household (姓名 given).
 */
final class PeopleFile {

    /** The most rows one import may hold. */
    static final int MAX_ROWS = 5000;

    /** The columns: Chinese header, English header. */
    static final String[][] COLUMNS = {
            {"单元", "unitName"}, {"房号", "number"}, {"楼层", "floor"}, {"面积", "areaM2"}, {"用途", "use"},
            {"户", "household"}, {"姓名", "name"}, {"身份证号", "idNumber"}, {"手机号", "phone"},
            {"与户主关系", "relation"}, {"标签", "tags"}};

    private PeopleFile() {
    }

    /** A field the row could not even read (a number that is not one). */
    record Unreadable(String field, String zh, String en) {
    }

    /** One row: its line, the room, the household label, the person (null: the row names no one). */
    record Row(int number, RoomRequest room, String household, PersonRequest person, List<Unreadable> unreadable) {
    }

    static List<Row> read(byte[] bytes) {
        List<Line> lines;
        try {
            lines = ImportTable.read(bytes);
        } catch (ImportTable.UnreadableFile e) {
            throw badFile(e.zh(), e.en());
        }
        if (lines.isEmpty()) {
            throw badFile("文件为空", "the file is empty");
        }
        List<String> header = lines.get(0).fields();
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c) == null ? "" : header.get(c).trim();
            for (String[] col : COLUMNS) {
                if (col[0].equals(h) || col[1].equalsIgnoreCase(h)) {
                    column.put(col[1], c);
                }
            }
        }
        for (String required : List.of("number", "use")) {
            if (!column.containsKey(required)) {
                String zh = Arrays.stream(COLUMNS).filter(col -> col[1].equals(required)).findFirst()
                        .map(col -> col[0]).orElse(required);
                throw badFile("缺少列：" + zh + "（表头应为 单元,房号,楼层,面积,用途,户,姓名,身份证号,手机号,与户主关系,标签）",
                        "missing column: " + required);
            }
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw badFile("行数过多：" + (lines.size() - 1) + "（一次最多 " + MAX_ROWS + " 行）",
                    "too many rows (at most " + MAX_ROWS + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (Line line : lines.subList(1, lines.size())) {
            if (line.blank()) {
                continue;
            }
            List<Unreadable> unreadable = new ArrayList<>();
            Double floor = number(line, column.get("floor"), "floor", "楼层", unreadable);
            Double area = number(line, column.get("areaM2"), "areaM2", "面积", unreadable);
            if (floor != null && floor != Math.rint(floor)) {
                unreadable.add(new Unreadable("floor", "楼层应为整数：" + line.field(column.get("floor")), "floor must be whole"));
                floor = null;
            }
            RoomRequest room = new RoomRequest(line.field(column.get("unitName")), line.field(column.get("number")),
                    floor == null ? null : floor.intValue(), area, line.field(column.get("use")), null);
            String name = line.field(column.get("name"));
            PersonRequest person = null;
            boolean anyPersonField = name != null || line.field(column.get("idNumber")) != null
                    || line.field(column.get("phone")) != null || line.field(column.get("relation")) != null;
            if (anyPersonField) {
                String tags = line.field(column.get("tags"));
                person = new PersonRequest(name, line.field(column.get("idNumber")), line.field(column.get("phone")),
                        line.field(column.get("relation")),
                        tags == null ? List.of() : Arrays.asList(tags.split("[、,，;；/\\s]+")), null, null, null);
            }
            rows.add(new Row(line.number(), room, line.field(column.get("household")), person, unreadable));
        }
        if (rows.isEmpty()) {
            throw badFile("没有任何数据行", "there are no rows");
        }
        return rows;
    }

    private static Double number(Line line, Integer column, String field, String zh, List<Unreadable> unreadable) {
        String value = line.field(column);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            unreadable.add(new Unreadable(field, zh + "不是数字：" + value, field + " is not a number: " + value));
            return null;
        }
    }

    static DomainException badFile(String zh, String en) {
        return DomainException.badRequest("BAD_PEOPLE_FILE", "导入文件无法读取：" + zh, "Cannot read the import file: " + en);
    }
}
