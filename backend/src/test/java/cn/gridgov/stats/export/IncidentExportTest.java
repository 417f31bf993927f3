package cn.gridgov.stats.export;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.incident.IncidentFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed exports from outside: each format read back with a real reader and compared with the incident list,
 * personal data masked unless revealed (and then audited), the scope held, bad filters refused in Chinese.
 */
@QuarkusTest
class IncidentExportTest {

    private static final String PHONE = "13812345678";
    private static final String NAME = "王小明";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A county with three incidents in community A (one with text a spreadsheet would misread) and one in B. */
    private static final class World {
        final IncidentFixture f = new IncidentFixture();
        final List<Long> inA = new ArrayList<>();
        final long inB;

        World() {
            PersonalData pd = Arc.container().instance(PersonalData.class).get();
            IncidentFixture.rows("UPDATE app_user SET nickname = $1, phone_enc = $2 WHERE id = $3 RETURNING id", NAME,
                    pd.encrypt(PHONE), f.resident.userId());
            inA.add(f.reportInA("0101"));
            Map<String, Object> tricky = f.body("0102", 150, List.of());
            tricky.put("description", "=1+1 东门\"井盖\"缺失, 第二行\n请尽快处理");
            inA.add(f.report(f.resident.token(), tricky, UUID.randomUUID().toString()).statusCode(201)
                    .extract().jsonPath().getLong("id"));
            inA.add(f.reportInA("0401"));
            f.act(f.adminA.token(), inA.get(2), "ACCEPT").statusCode(200);
            inB = f.reportIn(f.otherResident.token(), f.tree.compoundB(), "0101");
        }

        /** The incidents of community A as the list shows them to admin A (WGS-84), newest first, by id. */
        List<Map<String, Object>> listed() {
            return given().auth().oauth2(f.adminA.token()).queryParam("regionId", f.tree.communityA().id())
                    .queryParam("coordType", "wgs84").queryParam("limit", 200)
                    .when().get("/api/v1/incidents").then().statusCode(200).extract().jsonPath()
                    .using(cn.gridgov.region.RegionFixture.PRECISE).getList("items");
        }
    }

    private static ExtractableResponse<Response> export(String token, String ext, Map<String, Object> query) {
        return given().auth().oauth2(token).queryParams(query)
                .when().get("/api/v1/exports/incidents." + ext).then().extract();
    }

    private static String shown(Object isoTime) {
        return isoTime == null ? "" : SHOWN.format(OffsetDateTime.parse((String) isoTime)
                .atZoneSameInstant(ZoneId.of("Asia/Shanghai")));
    }

    private static long id(Map<String, Object> item) {
        return ((Number) item.get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static double coordinate(Map<String, Object> item, String name) {
        return ((Number) ((Map<String, Object>) item.get("location")).get(name)).doubleValue();
    }

    @Test
    void csvHoldsTheListedIncidentsUnderChineseHeadersWithBomAndMaskedReporter() {
        World w = new World();
        ExtractableResponse<Response> r = export(w.f.adminA.token(), "csv", Map.of());
        assertEquals(200, r.statusCode(), r.asString());
        assertThat(r.contentType(), startsWith("text/csv"));
        assertThat(r.header("Content-Disposition"), matchesPattern(
                "attachment; filename=\"incidents-\\d{8}-\\d{4}\\.csv\"; filename\\*=UTF-8''"
                        + "%E4%BA%8B%E4%BB%B6%E5%AF%BC%E5%87%BA-\\d{8}-\\d{4}\\.csv"));
        assertEquals("no-store", r.header("Cache-Control"));
        List<List<String>> records = ExportFiles.csv(ExportFiles.csvText(r.asByteArray()));
        assertEquals(ExportColumns.HEADERS, records.get(0));
        List<Map<String, Object>> listed = w.listed();
        assertEquals(3, listed.size());
        assertEquals(String.valueOf(listed.size()), r.header(IncidentExportResource.ROWS_HEADER));
        // the admin's scope is community A: B's incident is not there, A's are, newest first like the list
        assertEquals(listed.size(), records.size() - 1);
        for (int i = 0; i < listed.size(); i++) {
            Map<String, Object> item = listed.get(i);
            List<String> row = records.get(i + 1);
            assertEquals(String.valueOf(id(item)), row.get(0));
            assertEquals(ExportColumns.status(cn.gridgov.incident.IncidentStatus.valueOf((String) item.get("status"))),
                    row.get(1));
            assertEquals(item.get("categoryCode"), row.get(2));
            assertEquals(item.get("categoryName"), row.get(3));
            assertEquals("居民诉求", row.get(4));
            assertEquals(w.f.tree.town().name(), row.get(5));
            assertEquals(w.f.tree.communityA().name(), row.get(6));
            assertEquals(w.f.tree.compoundA().name(), row.get(7));
            assertEquals(shown(item.get("reportedAt")), row.get(8));
            assertEquals(shown(item.get("deadlineAt")), row.get(9));
            assertEquals(shown(item.get("closedAt")), row.get(10));
            assertEquals(Boolean.TRUE.equals(item.get("overdue")) ? "是" : "否", row.get(11));
            String description = (String) item.get("description");
            assertEquals(description.startsWith("=") ? "'" + description : description, row.get(12));
            assertEquals(coordinate(item, "lng"), Double.parseDouble(row.get(13)), 1e-6);
            assertEquals(coordinate(item, "lat"), Double.parseDouble(row.get(14)), 1e-6);
            assertEquals("王**", row.get(15));
            assertEquals("138****5678", row.get(16));
        }
        assertTrue(records.stream().noneMatch(row -> row.get(0).equals(String.valueOf(w.inB))));
        assertTrue(records.stream().anyMatch(row -> row.get(12).equals("'=1+1 东门\"井盖\"缺失, 第二行\n请尽快处理")),
                "quotes, commas and line breaks survive quoting; the formula is defused");
        assertTrue(records.stream().anyMatch(row -> row.get(1).equals("已受理")));
    }

    @Test
    void geoJsonIsAFeatureCollectionOfWgs84PointsWithTheListedFacts() throws IOException {
        World w = new World();
        ExtractableResponse<Response> r = export(w.f.adminA.token(), "geojson",
                Map.of("regionId", w.f.tree.communityA().id()));
        assertEquals(200, r.statusCode(), r.asString());
        assertThat(r.contentType(), startsWith("application/geo+json"));
        JsonNode doc = JSON.readTree(r.asByteArray());
        assertEquals("FeatureCollection", doc.get("type").asText());
        List<Map<String, Object>> listed = w.listed();
        assertEquals(listed.size(), doc.get("features").size());
        for (int i = 0; i < listed.size(); i++) {
            Map<String, Object> item = listed.get(i);
            JsonNode feature = doc.get("features").get(i);
            assertEquals("Feature", feature.get("type").asText());
            assertEquals(id(item), feature.get("id").asLong());
            assertEquals("Point", feature.at("/geometry/type").asText());
            assertEquals(coordinate(item, "lng"), feature.at("/geometry/coordinates/0").asDouble(), 1e-9);
            assertEquals(coordinate(item, "lat"), feature.at("/geometry/coordinates/1").asDouble(), 1e-9);
            JsonNode p = feature.get("properties");
            assertEquals(item.get("status"), p.get("status").asText());
            assertEquals(item.get("categoryCode"), p.get("categoryCode").asText());
            assertEquals(item.get("description"), p.get("description").asText());
            assertEquals(OffsetDateTime.parse((String) item.get("reportedAt")).toInstant(),
                    OffsetDateTime.parse(p.get("reportedAt").asText()).toInstant());
            assertTrue(p.get("reportedAt").asText().endsWith("+08:00"));
            assertEquals(w.f.tree.communityA().name(), p.get("communityName").asText());
            assertEquals("王**", p.get("reporterName").asText());
            assertEquals("138****5678", p.get("reporterPhone").asText());
            assertTrue(p.get("closedAt").isNull());
        }
    }

    @Test
    void xlsxReadsBackWithTheSameRowsDatesAndNumbers() throws IOException {
        World w = new World();
        ExtractableResponse<Response> r = export(w.f.adminA.token(), "xlsx", Map.of());
        assertEquals(200, r.statusCode(), r.asString());
        assertThat(r.header("Content-Disposition"), containsString(".xlsx"));
        ExportFiles.Sheet sheet = ExportFiles.xlsx(r.asByteArray());
        assertEquals("事件", sheet.name());
        List<String> headers = sheet.rows().get(0).stream().map(Cell::asString).toList();
        assertEquals(ExportColumns.HEADERS, headers);
        List<Map<String, Object>> listed = w.listed();
        assertEquals(listed.size() + 1, sheet.rows().size());
        for (int i = 0; i < listed.size(); i++) {
            Map<String, Object> item = listed.get(i);
            List<Cell> row = sheet.rows().get(i + 1);
            assertEquals(CellType.NUMBER, row.get(0).getType());
            assertEquals(id(item), row.get(0).asNumber().longValue());
            assertEquals(item.get("categoryName"), row.get(3).asString());
            assertEquals(shown(item.get("reportedAt")), SHOWN.format(row.get(ExportColumns.REPORTED_AT).asDate()));
            assertEquals(shown(item.get("deadlineAt")), SHOWN.format(row.get(ExportColumns.DEADLINE_AT).asDate()));
            assertNull(row.get(ExportColumns.CLOSED_AT));
            assertEquals(item.get("description"), row.get(12).asString());
            assertEquals(coordinate(item, "lng"), row.get(ExportColumns.LNG).asNumber().doubleValue(), 1e-9);
            assertEquals(coordinate(item, "lat"), row.get(ExportColumns.LAT).asNumber().doubleValue(), 1e-9);
            assertEquals("王**", row.get(15).asString());
            assertEquals("138****5678", row.get(16).asString());
        }
    }

    @Test
    void aLeaderMayRevealPersonalDataAndEachRevealIsAudited() {
        World w = new World();
        ExtractableResponse<Response> r = export(w.f.adminA.token(), "csv", Map.of("reveal", "true"));
        assertEquals(200, r.statusCode(), r.asString());
        List<List<String>> records = ExportFiles.csv(ExportFiles.csvText(r.asByteArray()));
        assertEquals(4, records.size());
        for (List<String> row : records.subList(1, records.size())) {
            assertEquals(NAME, row.get(15));
            assertEquals(PHONE, row.get(16));
        }
        List<Row> exports = IncidentFixture.rows("""
                SELECT e.id, e.revealed, e.rows_counted, e.rows_written, e.format, a.field, a.client_address
                FROM incident_export e JOIN pii_reveal_audit a ON a.subject_kind = 'incident_export' AND a.subject_id = e.id
                WHERE e.actor_user_id = $1 AND a.actor_user_id = $1""", w.f.adminA.userId());
        assertEquals(1, exports.size(), "one audit row for the one revealing export");
        Row e = exports.get(0);
        assertTrue(e.getBoolean("revealed"));
        assertEquals("CSV", e.getString("format"));
        assertEquals(3L, e.getLong("rows_counted"));
        assertEquals(3L, e.getLong("rows_written"));
        // a masked export is logged, but reveals nothing and is not in the reveal audit
        export(w.f.adminA.token(), "csv", Map.of()).statusCode();
        assertEquals(1, IncidentFixture.intValue("SELECT count(*) FROM pii_reveal_audit WHERE actor_user_id = $1",
                w.f.adminA.userId()));
        assertEquals(2, IncidentFixture.intValue("SELECT count(*) FROM incident_export WHERE actor_user_id = $1",
                w.f.adminA.userId()));
    }

    @Test
    void aGridWorkerGetsMaskedDataAndMayNotReveal() {
        World w = new World();
        ExtractableResponse<Response> masked = export(w.f.worker.token(), "csv", Map.of());
        assertEquals(200, masked.statusCode(), masked.asString());
        List<List<String>> records = ExportFiles.csv(ExportFiles.csvText(masked.asByteArray()));
        assertEquals(4, records.size());
        assertTrue(records.subList(1, 4).stream().allMatch(row -> row.get(16).equals("138****5678")
                && row.get(15).equals("王**")));
        given().auth().oauth2(w.f.worker.token()).queryParam("reveal", "true")
                .when().get("/api/v1/exports/incidents.xlsx")
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN")).body("detail", equalTo("无权查看完整手机号"));
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM pii_reveal_audit WHERE actor_user_id = $1",
                w.f.worker.userId()));
    }

    @Test
    void anotherCommunitysRegionIsNotFoundAndItsIncidentsNeverLeave() {
        World w = new World();
        for (String ext : List.of("csv", "geojson", "xlsx")) {
            given().auth().oauth2(w.f.adminB.token()).queryParam("regionId", w.f.tree.communityA().id())
                    .when().get("/api/v1/exports/incidents." + ext)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("REGION_NOT_FOUND"));
        }
        List<List<String>> records = ExportFiles.csv(ExportFiles.csvText(
                export(w.f.adminB.token(), "csv", Map.of()).asByteArray()));
        assertEquals(List.of(String.valueOf(w.inB)), records.subList(1, records.size()).stream()
                .map(row -> row.get(0)).toList());
        // a box around community A does not widen B's admin's scope
        Map<String, Object> box = new HashMap<>();
        box.put("minLng", w.f.tree.communityA().lng() - 0.05);
        box.put("minLat", w.f.tree.communityA().lat() - 0.05);
        box.put("maxLng", w.f.tree.communityA().lng() + 0.05);
        box.put("maxLat", w.f.tree.communityA().lat() + 0.05);
        records = ExportFiles.csv(ExportFiles.csvText(export(w.f.adminB.token(), "csv", box).asByteArray()));
        assertFalse(records.stream().anyMatch(row -> w.inA.contains(Long.parseLong(row.get(0).replace("编号", "0")))));
    }

    @Test
    void residentsMayNotExport() {
        World w = new World();
        given().auth().oauth2(w.f.resident.token()).when().get("/api/v1/exports/incidents.csv")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/exports/incidents.csv").then().statusCode(401);
    }

    @Test
    void badFiltersAreRefusedInChineseBeforeAnythingIsWritten() {
        TestTokens.Staff admin = new IncidentFixture().adminA;
        Map<String, Map<String, Object>> cases = Map.of(
                "BAD_STATUS", Map.of("status", "LOST"),
                "BAD_SOURCE", Map.of("source", "RUMOUR"),
                "BAD_BBOX", Map.of("minLng", 117.3),
                "BAD_TIME", Map.of("from", "yesterday"),
                "BAD_COORD_TYPE", Map.of("coordType", "bd09"),
                "BAD_REVEAL", Map.of("reveal", "maybe"),
                "BAD_ASSIGNEE_FILTER", Map.of("assignee", "someone"));
        cases.forEach((code, query) -> given().auth().oauth2(admin.token()).queryParams(query)
                .when().get("/api/v1/exports/incidents.csv")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo(code))
                .body("detail", matchesPattern(".*[\\u4e00-\\u9fff].*")));
        given().auth().oauth2(admin.token()).queryParam("coordType", "gcj02")
                .when().get("/api/v1/exports/incidents.geojson")
                .then().statusCode(400).body("code", equalTo("BAD_COORD_TYPE"));
        given().auth().oauth2(admin.token()).contentType(ContentType.ANY)
                .when().get("/api/v1/exports/incidents.pdf").then().statusCode(404);
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM incident_export WHERE actor_user_id = $1",
                admin.userId()));
    }

    private static <T> void assertThat(T actual, org.hamcrest.Matcher<? super T> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }
}
