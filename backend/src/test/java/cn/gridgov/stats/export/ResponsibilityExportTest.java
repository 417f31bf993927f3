package cn.gridgov.stats.export;

import cn.gridgov.common.security.Role;
import cn.gridgov.department.DepartmentFixture;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The responsibility list (权责清单) as a file from outside: Chinese headers, one row per category with its current
 * version, lead and supporting departments and legal basis, in CSV and .xlsx; staff only.
 */
@QuarkusTest
class ResponsibilityExportTest {

    private static final String CATEGORY = "0602";

    @Test
    void theCurrentListGoesOutAsCsvAndXlsxWithChineseHeaders() throws IOException {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff county = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        long lead = DepartmentFixture.department("县民政局");
        long first = DepartmentFixture.department("县残联");
        long second = DepartmentFixture.department("县医保局");
        int version = currentVersion();
        put(county.token(), Map.of("departments", List.of(Map.of("departmentId", lead, "role", "LEAD")),
                "legalBasis", "旧依据", "version", version));
        put(county.token(), Map.of("departments", List.of(Map.of("departmentId", lead, "role", "LEAD"),
                        Map.of("departmentId", first, "role", "SUPPORT"), Map.of("departmentId", second, "role", "SUPPORT")),
                "legalBasis", "《社会救助暂行办法》第二条，第三条", "responseHours", 4, "version", version + 1));
        String leadCode = IncidentFixture.rows("SELECT code FROM department WHERE id = $1", lead).get(0).getString("code");

        ExtractableResponse<Response> csv = given().auth().oauth2(f.worker.token())
                .when().get("/api/v1/exports/responsibilities.csv").then().extract();
        assertEquals(200, csv.statusCode(), csv.asString());
        assertThat(csv.contentType(), startsWith("text/csv"));
        assertThat(csv.header("Content-Disposition"), containsString("filename*=UTF-8''%E6%9D%83%E8%B4%A3%E6%B8%85%E5%8D%95-"));
        List<List<String>> records = ExportFiles.csv(ExportFiles.csvText(csv.asByteArray()));
        assertEquals(ResponsibilityExport.HEADERS, records.get(0));
        assertEquals(records.size() - 1, Integer.parseInt(csv.header("X-Export-Rows")));
        assertEquals(entries(), records.size() - 1, "one row per category with an entry");
        List<String> row = records.stream().filter(r -> CATEGORY.equals(r.get(0))).findFirst().orElseThrow();
        assertEquals(List.of(CATEGORY, "困难群众帮扶", "县民政局", leadCode, "县残联、县医保局",
                "《社会救助暂行办法》第二条，第三条", "4", Integer.toString(version + 2), Long.toString(county.userId())),
                row.subList(0, 9), "the current version, not the older one");
        assertTrue(row.get(9).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), row.get(9));

        ExtractableResponse<Response> xlsx = given().auth().oauth2(f.adminA.token())
                .when().get("/api/v1/exports/responsibilities.xlsx").then().extract();
        assertEquals(200, xlsx.statusCode(), xlsx.asString());
        assertThat(xlsx.header("Content-Disposition"), containsString(".xlsx"));
        ExportFiles.Sheet sheet = ExportFiles.xlsx(xlsx.asByteArray());
        assertEquals("权责清单", sheet.name());
        assertEquals(ResponsibilityExport.HEADERS, sheet.rows().get(0).subList(0, ResponsibilityExport.HEADERS.size())
                .stream().map(Cell::asString).toList());
        List<Cell> cells = sheet.rows().stream().filter(r -> r.get(0) != null && CATEGORY.equals(r.get(0).asString()))
                .findFirst().orElseThrow();
        assertEquals("县残联、县医保局", cells.get(4).asString());
        assertEquals(CellType.NUMBER, cells.get(6).getType());
        assertEquals(4, cells.get(6).asNumber().intValue());
        assertEquals(version + 2, cells.get(7).asNumber().intValue());
    }

    @Test
    void residentsCannotExportTheList() {
        IncidentFixture f = new IncidentFixture();
        given().auth().oauth2(f.resident.token()).when().get("/api/v1/exports/responsibilities.csv").then()
                .statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/exports/responsibilities.xlsx").then().statusCode(401);
    }

    private static int currentVersion() {
        List<Row> rows = IncidentFixture.rows("""
                SELECT e.version FROM responsibility_entry e JOIN incident_category c ON c.id = e.category_id
                WHERE c.code = $1""", CATEGORY);
        return rows.isEmpty() ? 0 : rows.get(0).getInteger("version");
    }

    private static int entries() {
        return IncidentFixture.intValue("SELECT count(*)::int FROM responsibility_entry");
    }

    private static void put(String token, Map<String, Object> body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/responsibilities/" + CATEGORY).then().statusCode(200);
    }
}
