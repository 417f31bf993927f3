package cn.gridgov.people.visit;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.people.house.HouseholdRepository;
import cn.gridgov.people.house.RoomUse;
import cn.gridgov.region.RegionFixture;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * A tree of its own for one visit test (compound A with its grid worker, compound B with another), households and
 * people seeded straight into the people tables (the households' own API belongs to the houses work), and the REST
 * calls of visits.
 */
final class VisitFixture {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger ROOMS = new AtomicInteger();

    final RegionFixture.Tree tree = RegionFixture.create();
    final TestTokens.Staff worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
    final TestTokens.Staff otherWorker = TestTokens.staffOn(tree.compoundB(), Role.GRID_WORKER);

    /** A household in building A with one person tagged with {@code tags} (none: not in a key group). */
    long household(String... tags) {
        return household(tree.buildingA().id(), tags);
    }

    long household(long buildingId, String... tags) {
        Pool pool = pool();
        HouseholdRepository households = Arc.container().instance(HouseholdRepository.class).get();
        long room = households.insertRoom(pool, buildingId, null, "R" + ROOMS.incrementAndGet(), 3, null,
                RoomUse.SELF_OCCUPIED).await().atMost(WAIT);
        long id = households.insertHousehold(pool, room, null).await().atMost(WAIT);
        pool.preparedQuery("INSERT INTO person (household_id, building_id, name, relation, tags) "
                        + "SELECT id, building_id, '测试居民', 'HEAD', $2 FROM household WHERE id = $1")
                .execute(Tuple.of(id, tags)).await().atMost(WAIT);
        return id;
    }

    /** A visit body at building A's point shifted {@code metresEast} (WGS-84). */
    Map<String, Object> body(long householdId, String mode, double metresEast, Instant visitedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("householdId", householdId);
        body.put("mode", mode);
        body.put("situation", "身体尚可，按时服药");
        if (visitedAt != null) {
            body.put("visitedAt", visitedAt.atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString());
        }
        double lat = tree.buildingA().lat();
        body.put("location", Map.of("lng", tree.buildingA().lng() + metresEast / (111_320 * Math.cos(Math.toRadians(lat))),
                "lat", lat, "coordType", "wgs84"));
        return body;
    }

    ValidatableResponse record(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).queryParam("coordType", "wgs84").body(body)
                .when().post("/api/v1/visits").then();
    }

    /** The worker records a home visit at the building, now, with the photos {@code mediaIds}. */
    ValidatableResponse recordWithPhotos(long householdId, List<String> mediaIds) {
        Map<String, Object> body = body(householdId, "HOME", 0, null);
        body.put("mediaIds", mediaIds);
        return record(worker.token(), body);
    }

    /** Records a home visit at the building at {@code visitedAt}; its id. */
    long visited(long householdId, Instant visitedAt) {
        return record(worker.token(), body(householdId, "HOME", 0, visitedAt)).statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    ValidatableResponse due(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).when().get("/api/v1/visits/due").then();
    }

    ValidatableResponse dueOf(String token, long householdId) {
        return given().auth().oauth2(token).when().get("/api/v1/visits/due/" + householdId).then();
    }

    List<Long> dueIds(String token) {
        return due(token, Map.of("limit", 200)).statusCode(200).extract().jsonPath()
                .getList("items.householdId", Long.class);
    }

    static long count(String sql, Object... args) {
        return ((Number) pool().preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT).iterator().next()
                .getValue(0)).longValue();
    }

    static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }
}
