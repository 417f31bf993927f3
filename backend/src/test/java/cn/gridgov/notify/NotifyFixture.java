package cn.gridgov.notify;

import cn.gridgov.identity.Role;
import cn.gridgov.identity.TestRegions;
import cn.gridgov.identity.TestTokens;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A county of its own for one test of supervision, notifications or the feed: communities A and B under a
 * town, a grid worker on compound A, an admin on each community and on the town, two residents; plus the
 * REST calls and SQL reads those tests need.
 */
public final class NotifyFixture {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public final TestRegions.Tree tree;
    public final TestTokens.Staff worker;
    public final TestTokens.Staff adminA;
    public final TestTokens.Staff adminB;
    public final TestTokens.Staff townAdmin;
    public final TestTokens.Resident resident;
    public final TestTokens.Resident otherResident;

    public NotifyFixture() {
        tree = TestRegions.create();
        worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
        adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
        adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
        townAdmin = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN);
        resident = TestTokens.resident();
        otherResident = TestTokens.resident();
    }

    /** Reports an incident of {@code category} as {@code token} inside {@code compound}; answers its id. */
    public long report(String token, TestRegions.Node compound, String category) {
        Row centre = pool().preparedQuery("SELECT ST_X(position) AS x, ST_Y(position) AS y FROM region WHERE id = $1")
                .execute(Tuple.of(compound.id())).await().atMost(WAIT).iterator().next();
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", category);
        body.put("description", "通知测试 " + UUID.randomUUID());
        body.put("location", Map.of("lng", centre.getDouble("x") - 0.003, "lat", centre.getDouble("y") - 0.003,
                "coordType", "wgs84"));
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Reports as the resident in compound A. */
    public long reportInA(String category) {
        return report(resident.token(), tree.compoundA(), category);
    }

    public ValidatableResponse act(String token, long id, String action, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("action", action);
        body.putIfAbsent("version", intValue("SELECT version FROM incident WHERE id = $1", id));
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/incidents/" + id + "/transitions").then();
    }

    /** The actions of the incident's flow, oldest first. */
    public static List<String> flowActions(long incidentId) {
        List<String> out = new ArrayList<>();
        pool().preparedQuery("SELECT action FROM incident_flow WHERE incident_id = $1 ORDER BY id")
                .execute(Tuple.of(incidentId)).await().atMost(WAIT).forEach(r -> out.add(r.getString("action")));
        return out;
    }

    public static int intValue(String sql, Object... args) {
        Row row = pool().preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT).iterator().next();
        return ((Number) row.getValue(0)).intValue();
    }

    public static List<Row> rows(String sql, Object... args) {
        List<Row> out = new ArrayList<>();
        pool().preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT).forEach(out::add);
        return out;
    }

    public static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }
}
