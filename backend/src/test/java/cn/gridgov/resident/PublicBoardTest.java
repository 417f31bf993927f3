package cn.gridgov.resident;

import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The public board (#13 §3): only what may be public, never personal data, cacheable, limited per address. */
@QuarkusTest
class PublicBoardTest {

    private static final String PHONE = "13812345678";
    private static final String MAIL = "zhangsanfeng@example.com";

    @Test
    void theBoardShowsOnlyClosedPublicRequestsAndPublicStaffReportsWithoutPersonalData() {
        IncidentFixture f = new IncidentFixture();
        String nickname = "张三丰" + UUID.randomUUID().toString().substring(0, 4);
        IncidentFixture.rows("UPDATE app_user SET nickname = $1 WHERE id = $2 RETURNING id", nickname, f.resident.userId());
        long named = ResidentRequestTest.report(f, f.resident.token(), true, false,
                "楼道灯坏了，联系电话 " + PHONE + "，邮箱 " + MAIL);
        long anonymous = ResidentRequestTest.report(f, f.resident.token(), true, true, "路面塌陷 " + nickname);
        long privateOne = ResidentRequestTest.report(f, f.resident.token(), false, false, "私密诉求 " + PHONE);
        long stillOpen = ResidentRequestTest.report(f, f.resident.token(), true, false, "尚未办结");
        Map<String, Object> staffBody = new HashMap<>(f.body("0101", 0, List.of()));
        staffBody.put("isPublic", true);
        long staffReport = f.report(f.worker.token(), staffBody, UUID.randomUUID().toString()).statusCode(201)
                .extract().jsonPath().getLong("id");
        ResidentRequestTest.close(f, named);
        ResidentRequestTest.close(f, anonymous);
        ResidentRequestTest.close(f, privateOne);
        f.act(f.resident.token(), named, "RATE", Map.of("rating", 5, "comment", "谢谢，我是" + nickname)).statusCode(200);

        String address = StaffApi.address();
        Response page = given().header("X-Forwarded-For", address).queryParam("communityId", f.tree.communityA().id())
                .queryParam("coordType", "wgs84")
                .when().get("/api/v1/public/incidents");
        page.then().statusCode(200)
                .header("ETag", notNullValue())
                .header("Cache-Control", startsWith("public"))
                .body("items.id", containsInAnyOrder((int) named, (int) anonymous, (int) staffReport))
                .body("items.id", not(hasItem((int) privateOne)))
                .body("items.id", not(hasItem((int) stillOpen)))
                .body("items.find { it.id == " + named + " }.reporter", equalTo("张**"))
                .body("items.find { it.id == " + named + " }.description", equalTo("楼道灯坏了，联系电话 ***，邮箱 ***"))
                .body("items.find { it.id == " + named + " }.rating", equalTo(5))
                .body("items.find { it.id == " + named + " }.kind", equalTo("REQUEST"))
                .body("items.find { it.id == " + anonymous + " }.reporter", equalTo("匿名居民"))
                .body("items.find { it.id == " + anonymous + " }.description", equalTo("路面塌陷 **"))
                .body("items.find { it.id == " + staffReport + " }.reporter", equalTo("网格员"))
                .body("items.find { it.id == " + staffReport + " }.kind", equalTo("STAFF_REPORT"))
                .body("items.find { it.id == " + named + " }.compound.id", equalTo((int) f.tree.compoundA().id()));

        String raw = page.asString();
        for (String secret : List.of(PHONE, MAIL, nickname, f.resident.openid(), f.otherResident.openid(),
                f.worker.username(), "测试" + f.worker.username(), "谢谢", "reporterId", "assigneeId", "phone",
                "openid", Double.toString(f.lng), Double.toString(f.lat))) {
            assertFalse(raw.contains(secret), secret + " leaked: " + raw);
        }
        Row centre = IncidentFixture.rows("""
                SELECT ST_X(ST_PointOnSurface(boundary)) AS x, ST_Y(ST_PointOnSurface(boundary)) AS y
                FROM region WHERE id = $1""", f.tree.compoundA().id()).get(0);
        assertEquals(Math.round(centre.getDouble("x") * 100_000) / 100_000.0,
                page.jsonPath().getDouble("items.find { it.id == " + named + " }.position.lng"), 1e-9);
        assertEquals(Math.round(centre.getDouble("y") * 100_000) / 100_000.0,
                page.jsonPath().getDouble("items.find { it.id == " + named + " }.position.lat"), 1e-9);

        given().header("X-Forwarded-For", address).header("If-None-Match", page.header("ETag"))
                .queryParam("communityId", f.tree.communityA().id()).queryParam("coordType", "wgs84")
                .when().get("/api/v1/public/incidents").then().statusCode(304);
        given().header("X-Forwarded-For", address).queryParam("communityId", f.tree.communityA().id())
                .queryParam("status", "REPORTED")
                .when().get("/api/v1/public/incidents").then().statusCode(200)
                .body("items.id", containsInAnyOrder((int) staffReport));
        given().header("X-Forwarded-For", address).queryParam("communityId", f.tree.communityB().id())
                .when().get("/api/v1/public/incidents").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().header("X-Forwarded-For", address).queryParam("status", "NOPE")
                .when().get("/api/v1/public/incidents").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("BAD_STATUS"));
    }

    @Test
    void theBoardsSqlRuleSaysWhatItsJavaRuleSays() {
        for (IncidentSource source : IncidentSource.values()) {
            for (IncidentStatus status : IncidentStatus.values()) {
                for (boolean isPublic : List.of(true, false)) {
                    boolean inSql = IncidentFixture.rows("SELECT " + PublicBoard.sql() + " AS shown FROM (VALUES ($1::boolean, "
                            + "$2::text, $3::text)) AS i(is_public, source, status)", isPublic, source.name(), status.name())
                            .get(0).getBoolean("shown");
                    assertEquals(PublicBoard.shows(isPublic, source, status), inSql, source + "/" + status + "/" + isPublic);
                }
            }
        }
        assertFalse(PublicBoard.shows(true, IncidentSource.RESIDENT, IncidentStatus.RESOLVED));
        assertFalse(PublicBoard.shows(false, IncidentSource.RESIDENT, IncidentStatus.CLOSED));
        assertEquals("联系 ***、***，我是**", PublicBoard.scrub("联系 0355-1234567、138 1234 5678，我是王小明", "王小明"));
        assertEquals("王**", PublicBoard.reporter(IncidentSource.RESIDENT, false, "王小明"));
        assertEquals("匿名居民", PublicBoard.reporter(IncidentSource.OPEN311, true, "王小明"));
        assertEquals("网格员", PublicBoard.reporter(IncidentSource.GRID_REPORT, false, "王小明"));
    }

    @Test
    void statsCountEveryIncidentPerTownAndCommunity() {
        IncidentFixture f = new IncidentFixture();
        long a = ResidentRequestTest.report(f, f.resident.token(), false, false, null);
        long b = ResidentRequestTest.report(f, f.resident.token(), true, false, null);
        long c = ResidentRequestTest.report(f, f.resident.token(), true, false, null);
        ResidentRequestTest.report(f, f.resident.token(), true, false, null);
        ResidentRequestTest.close(f, a);
        ResidentRequestTest.close(f, b);
        f.act(f.adminA.token(), c, "REJECT", Map.of("comment", "不属于受理范围")).statusCode(200);
        f.act(f.resident.token(), a, "RATE", Map.of("rating", 5)).statusCode(200);
        f.act(f.resident.token(), b, "RATE", Map.of("rating", 2)).statusCode(200);

        String address = StaffApi.address();
        Response stats = given().header("X-Forwarded-For", address).queryParam("townId", f.tree.town().id())
                .when().get("/api/v1/public/stats");
        stats.then().statusCode(200).header("ETag", notNullValue())
                .body("towns.id", containsInAnyOrder((int) f.tree.town().id()))
                .body("towns[0].totals.received", equalTo(4))
                .body("towns[0].totals.closed", equalTo(3))
                .body("towns[0].totals.onTimeRate", equalTo(1.0f))
                .body("towns[0].totals.rated", equalTo(2))
                .body("towns[0].totals.satisfaction", equalTo(0.5f))
                .body("towns[0].communities.id", containsInAnyOrder((int) f.tree.communityA().id()))
                .body("towns[0].communities[0].name", equalTo(f.tree.communityA().name()))
                .body("towns[0].communities[0].totals.received", equalTo(4));
        given().header("X-Forwarded-For", address).header("If-None-Match", stats.header("ETag"))
                .queryParam("townId", f.tree.town().id())
                .when().get("/api/v1/public/stats").then().statusCode(304);
    }

    @Test
    void oneAddressIsLimited() {
        IncidentFixture f = new IncidentFixture();
        String address = StaffApi.address();
        for (int i = 0; i < 120; i++) {
            given().header("X-Forwarded-For", address).queryParam("townId", f.tree.town().id())
                    .when().get("/api/v1/public/stats").then().statusCode(200);
        }
        given().header("X-Forwarded-For", address).queryParam("townId", f.tree.town().id())
                .when().get("/api/v1/public/stats").then().statusCode(429)
                .header("Retry-After", notNullValue()).body("code", equalTo("TOO_MANY_BOARD_REQUESTS"));
        given().header("X-Forwarded-For", StaffApi.address()).queryParam("townId", f.tree.town().id())
                .when().get("/api/v1/public/stats").then().statusCode(200);
    }
}
