package cn.gridgov.incident;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who sees what, lists and their filters, concurrent dispatchers, and the flow's immutability. */
@QuarkusTest
class IncidentScopeTest {

    @Test
    void anotherCommunitysAdminAndOtherResidentsSeeNothing() {
        IncidentFixture f = new IncidentFixture();
        String photo = IncidentFixture.photo(f.resident.token());
        long id = f.report(f.resident.token(), f.body("0101", 0, List.of(photo)), UUID.randomUUID().toString())
                .statusCode(201).extract().jsonPath().getLong("id");

        f.get(f.adminB.token(), id).statusCode(404).body("code", equalTo("INCIDENT_NOT_FOUND"));
        f.act(f.adminB.token(), id, "ACCEPT").statusCode(404);
        f.get(f.otherResident.token(), id).statusCode(404);
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/incidents/" + id + "/flow").then().statusCode(404);
        list(f.adminB.token(), Map.of()).body("items.id", not(hasItem((int) id)));
        list(f.otherResident.token(), Map.of()).body("items", empty());

        f.get(f.townAdmin.token(), id).statusCode(200);
        list(f.adminA.token(), Map.of()).body("items.id", hasItem((int) id));
        list(f.resident.token(), Map.of()).body("items.id", contains((int) id));

        // photos follow the incident: its community sees them, another resident does not
        given().auth().oauth2(f.adminA.token()).redirects().follow(false).when().get("/api/v1/media/" + photo)
                .then().statusCode(303);
        given().auth().oauth2(f.otherResident.token()).redirects().follow(false).when().get("/api/v1/media/" + photo)
                .then().statusCode(404);
    }

    @Test
    void listsFilterWithinTheScopeAndPageByCursor() {
        IncidentFixture f = new IncidentFixture();
        long a = f.reported("0101");
        long b = f.reported("0201");
        long c = f.reported("0201");
        f.act(f.adminA.token(), a, "ACCEPT").statusCode(200);

        list(f.adminA.token(), Map.of("status", "ACCEPTED")).body("items.id", contains((int) a));
        list(f.adminA.token(), Map.of("categoryCode", "0201")).body("items.id", contains((int) c, (int) b));
        list(f.adminA.token(), Map.of("categoryCode", "02")).body("items.id", contains((int) c, (int) b));
        list(f.worker.token(), Map.of("assignee", "me")).body("items.id", contains((int) c, (int) b, (int) a));
        list(f.adminA.token(), Map.of("regionId", f.tree.communityB().id())).body("items", empty());
        list(f.adminA.token(), Map.of("source", "RESIDENT", "overdue", false)).body("items", hasSize(3));
        list(f.adminA.token(), Map.of("overdue", true)).body("items", empty());
        list(f.adminA.token(), Map.of("minLng", f.lng - 0.001, "minLat", f.lat - 0.001, "maxLng", f.lng + 0.001,
                "maxLat", f.lat + 0.001, "coordType", "wgs84")).body("items", hasSize(3));
        list(f.adminA.token(), Map.of("minLng", f.lng + 0.001, "minLat", f.lat - 0.001, "maxLng", f.lng + 0.002,
                "maxLat", f.lat + 0.001, "coordType", "wgs84")).body("items", empty());
        list(f.adminA.token(), Map.of("from", "2000-01-01T00:00:00+08:00", "to", "2001-01-01T00:00:00+08:00"))
                .body("items", empty());

        String cursor = list(f.adminA.token(), Map.of("limit", 2)).body("items.id", contains((int) c, (int) b))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        list(f.adminA.token(), Map.of("limit", 2, "cursor", cursor)).body("items.id", contains((int) a))
                .body("nextCursor", nullValue());
        list(f.adminA.token(), Map.of("limit", 201)).statusCode(400).body("code", equalTo("BAD_LIMIT"));
        list(f.adminA.token(), Map.of("status", "LOST")).statusCode(400).body("code", equalTo("BAD_STATUS"));
    }

    @Test
    void twoDispatchersOnTheSameVersionCannotBothWin() throws Exception {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0101");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        int version = IncidentFixture.version(id);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> both = new ArrayList<>();
            for (String token : List.of(f.adminA.token(), f.townAdmin.token())) {
                both.add(() -> f.act(token, id, "DISPATCH", Map.of("version", version, "assigneeId", f.worker.userId()))
                        .extract().statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(both)) {
                codes.add(answer.get());
            }
            codes.sort(Integer::compareTo);
            assertEquals(List.of(200, 409), codes);
        } finally {
            pool.shutdown();
        }
        assertEquals(version + 1, IncidentFixture.version(id));
        f.get(f.adminA.token(), id).body("flow.action", contains("REPORT", "ACCEPT", "DISPATCH"));
    }

    @Test
    void theFlowIsAppendOnly() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0101");
        Exception update = assertThrows(Exception.class, () -> IncidentFixture.pool()
                .preparedQuery("UPDATE incident_flow SET comment = 'changed' WHERE incident_id = $1")
                .execute(Tuple.of(id)).await().indefinitely());
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertThrows(Exception.class, () -> IncidentFixture.pool()
                .preparedQuery("DELETE FROM incident_flow WHERE incident_id = $1")
                .execute(Tuple.of(id)).await().indefinitely());
        f.get(f.resident.token(), id).body("flow", hasSize(1));
    }

    private static io.restassured.response.ValidatableResponse list(String token, Map<String, ?> query) {
        return given().auth().oauth2(token).queryParams(query).when().get("/api/v1/incidents").then();
    }
}
