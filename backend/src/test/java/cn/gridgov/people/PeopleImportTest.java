package cn.gridgov.people;

import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bulk import of a building's rooms, households and people: CSV and Excel, all or nothing, rows named. */
@QuarkusTest
class PeopleImportTest {

    private static final String HEADER = "单元,房号,楼层,面积,用途,户,姓名,身份证号,手机号,与户主关系,标签\n";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static int count(String sql, long buildingId) {
        return IncidentFixture.intValue(sql, buildingId);
    }

    private static int rooms(PeopleFixture f) {
        return count("SELECT count(*)::int FROM room WHERE building_id = $1", f.tree.buildingA().id());
    }

    private static int people(PeopleFixture f) {
        return count("SELECT count(*)::int FROM person WHERE building_id = $1", f.tree.buildingA().id());
    }

    @Test
    void anInvalidIdNumberIsRefusedWithItsRowNumberAndNothingIsImported() {
        PeopleFixture f = new PeopleFixture();
        String good = f.idNumber();
        String bad = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        String csv = HEADER
                + "1单元,101,1,80,自住,,甲,," + "13800000001,户主,\n"
                + "1单元,102,1,80,自住,,乙," + bad + ",,户主,\n"
                + "1单元,103,1,80,别墅,,丙,,,户主,\n";
        given().auth().oauth2(f.worker.token()).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/buildings/" + f.tree.buildingA().id() + "/people/import").then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("PEOPLE_IMPORT_REJECTED")).body("detail", containsString("未写入任何数据"))
                .body("rows", hasSize(2))
                .body("rows[0].row", equalTo(3)).body("rows[0].field", equalTo("idNumber")).body("rows[0].code", equalTo("1单元 102"))
                .body("rows[0].reason", containsString("第 3 行：身份证号校验位不正确"))
                .body("rows[1].row", equalTo(4)).body("rows[1].field", equalTo("use"));
        assertEquals(0, rooms(f), "one bad row leaves nothing imported");
        assertEquals(0, people(f));
    }

    @Test
    void aCsvFileImportsRoomsHouseholdsAndPeopleOnceAndDuplicatesAreNamed() {
        PeopleFixture f = new PeopleFixture();
        String a = f.idNumber();
        String b = f.idNumber();
        String csv = HEADER
                + "1单元,201,2,88.5,出租,,钱一," + a + ",13800000002,户主,低收入、残疾人\n"
                + "1单元,201,2,88.5,出租,,钱二,,,配偶,\n"
                + "1单元,201,2,88.5,出租,西户,吴三," + b + ",,租户,\n"
                + "2单元,301,3,,空置,,,,,,\n";
        String path = "/api/v1/buildings/" + f.tree.buildingA().id() + "/people/import";
        given().auth().oauth2(f.worker.token()).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post(path).then().statusCode(200)
                .body("rooms", equalTo(2)).body("households", equalTo(2)).body("people", equalTo(3));
        given().auth().oauth2(f.worker.token()).queryParam("limit", 1)
                .when().get("/api/v1/buildings/" + f.tree.buildingA().id() + "/roster").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].people", hasSize(2))
                .body("items[0].people[0].tags", equalTo(List.of("LOW_INCOME", "DISABLED")))
                .body("items[0].people[0].idNumber", equalTo(a.substring(0, 4) + "**********" + a.substring(14)))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());

        // the same file again: every ID number is already registered, and the rows say so
        given().auth().oauth2(f.worker.token()).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post(path).then().statusCode(422)
                .body("rows.row", equalTo(List.of(2, 4)))
                .body("rows[0].reason", containsString("已登记"));
        // twice in one file
        String c = f.idNumber();
        String twice = HEADER + "3单元,401,4,,自住,,郑甲," + c + ",,户主,\n" + "3单元,402,4,,自住,,郑乙," + c + ",,户主,\n";
        given().auth().oauth2(f.worker.token()).contentType("text/csv").body(twice.getBytes(StandardCharsets.UTF_8))
                .when().post(path).then().statusCode(422)
                .body("rows[0].row", equalTo(3)).body("rows[0].reason", containsString("第 2 行已有"));
        assertEquals(2, rooms(f));
        assertEquals(3, people(f));

        // out of scope, and unreadable files
        given().auth().oauth2(f.workerB.token()).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post(path).then().statusCode(404).body("code", equalTo("BUILDING_NOT_FOUND"));
        given().auth().oauth2(f.worker.token()).contentType("text/csv").body("姓名\n张三\n".getBytes(StandardCharsets.UTF_8))
                .when().post(path).then().statusCode(400).body("code", equalTo("BAD_PEOPLE_FILE"))
                .body("detail", containsString("缺少列：房号"));
        given().auth().oauth2(f.worker.token()).contentType(XLSX).body(new byte[]{'P', 'K', 3, 4, 0, 0})
                .when().post(path).then().statusCode(400).body("code", equalTo("BAD_PEOPLE_FILE"));
    }

    @Test
    void anExcelFileWithChineseHeadersImportsAndItsRowsAreNumberedAsExcelShowsThem() throws IOException {
        PeopleFixture f = new PeopleFixture();
        String a = f.idNumber();
        String path = "/api/v1/buildings/" + f.tree.buildingA().id() + "/people/import";
        byte[] bad = xlsx(List.of(
                List.of("单元", "房号", "楼层", "用途", "姓名", "身份证号", "与户主关系"),
                List.of("1单元", "501", 5, "自住", "冯一", a, "户主"),
                List.of("1单元", "502", 5, "自住", "冯二", "123", "户主")));
        given().auth().oauth2(f.worker.token()).contentType(XLSX).body(bad).when().post(path).then().statusCode(422)
                .body("rows[0].row", equalTo(3)).body("rows[0].reason", containsString("18 位"));
        assertEquals(0, rooms(f));

        byte[] good = xlsx(List.of(
                List.of("单元", "房号", "楼层", "用途", "姓名", "身份证号", "与户主关系"),
                List.of("1单元", "501", 5, "自住", "冯一", a, "户主"),
                List.of("1单元", 502, 5, "商用", "", "", "")));
        given().auth().oauth2(f.worker.token()).contentType(XLSX).body(good).when().post(path).then().statusCode(200)
                .body("rooms", equalTo(2)).body("households", equalTo(1)).body("people", equalTo(1));
        assertEquals(1, count("SELECT count(*)::int FROM room WHERE building_id = $1 AND number = '502' AND floor = 5 "
                + "AND use = 'COMMERCIAL'", f.tree.buildingA().id()));
    }

    private static byte[] xlsx(List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "GridGov", "1.0");
        Worksheet sheet = workbook.newWorksheet("人员");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Number n) {
                    sheet.value(r, c, n);
                } else {
                    sheet.value(r, c, (String) v);
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }
}
