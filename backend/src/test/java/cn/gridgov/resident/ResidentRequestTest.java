package cn.gridgov.resident;

import cn.gridgov.common.time.TestClock;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resident's requests (#13 §2): privacy, additions, withdrawal, rating and the revisit of a low rating. */
@QuarkusTest
class ResidentRequestTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    static long report(IncidentFixture f, String token, Boolean isPublic, Boolean anonymous, String description) {
        Map<String, Object> body = new HashMap<>(f.body("0101", 0, List.of()));
        if (isPublic != null) {
            body.put("isPublic", isPublic);
        }
        if (anonymous != null) {
            body.put("anonymous", anonymous);
        }
        if (description != null) {
            body.put("description", description);
        }
        return f.report(token, body, UUID.randomUUID().toString()).statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Accepts, dispatches, handles and verifies the incident: it ends CLOSED. */
    static void close(IncidentFixture f, long id) {
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), id, "START").statusCode(200);
        f.act(f.worker.token(), id, "RESOLVE", Map.of("comment", "已更换井盖")).statusCode(200);
        f.act(f.adminA.token(), id, "VERIFY", Map.of("passed", true)).statusCode(200).body("status", equalTo("CLOSED"));
    }

    static ValidatableResponse add(String token, long id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/me/requests/" + id + "/additions").then();
    }

    static ValidatableResponse withdraw(String token, long id) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "已经自行解决"))
                .when().post("/api/v1/me/requests/" + id + "/withdrawal").then();
    }

    static ValidatableResponse mine(String token, long id) {
        return given().auth().oauth2(token).when().get("/api/v1/me/requests/" + id).then();
    }

    @Test
    void requestsArePrivateByDefaultAndInvisibleToOtherResidents() {
        IncidentFixture f = new IncidentFixture();
        long id = report(f, f.resident.token(), null, null, null);
        assertEquals(List.of(false), IncidentFixture.rows("SELECT is_public FROM incident WHERE id = $1", id).stream()
                .map(r -> r.getBoolean("is_public")).toList());
        long open = report(f, f.resident.token(), true, true, null);
        assertEquals(2, IncidentFixture.intValue(
                "SELECT count(*) FROM incident WHERE id = ANY($1) AND is_public = (id = $2) AND anonymous = (id = $2)",
                new Long[] {id, open}, open));

        // the staff handling them see the resident's choices (detail and list)
        f.get(f.adminA.token(), open).statusCode(200).body("isPublic", equalTo(true)).body("anonymous", equalTo(true));
        f.get(f.adminA.token(), id).statusCode(200).body("isPublic", equalTo(false)).body("anonymous", equalTo(false));
        given().auth().oauth2(f.adminA.token()).queryParam("limit", 100).when().get("/api/v1/incidents").then()
                .statusCode(200).body("items.find { it.id == " + open + " }.isPublic", equalTo(true));

        f.get(f.otherResident.token(), id).statusCode(404).body("code", equalTo("INCIDENT_NOT_FOUND"));
        mine(f.otherResident.token(), id).statusCode(404).body("code", equalTo("INCIDENT_NOT_FOUND"));
        add(f.otherResident.token(), id, Map.of("comment", "我也看到了")).statusCode(404);
        withdraw(f.otherResident.token(), id).statusCode(404);
        given().auth().oauth2(f.otherResident.token()).when().get("/api/v1/me/requests").then().statusCode(200)
                .body("items.id", not(hasItem((int) id)));

        String raw = given().auth().oauth2(f.resident.token()).queryParam("limit", 1)
                .when().get("/api/v1/me/requests").then().statusCode(200)
                .body("items.id", contains((int) open))
                .body("items[0].isPublic", equalTo(true))
                .body("items[0].anonymous", equalTo(true))
                .body("items[0].expectedBy", endsWith("+08:00"))
                .body("items[0].handlerOrganisation", equalTo(f.tree.communityA().name()))
                .body("items[0].allowedActions", contains("ADD_INFO", "WITHDRAW"))
                .body("items[0].flow.action", contains("REPORT"))
                .extract().asString();
        String next = given().auth().oauth2(f.resident.token()).queryParam("limit", 1)
                .when().get("/api/v1/me/requests").then().extract().path("nextCursor");
        given().auth().oauth2(f.resident.token()).queryParam("limit", 1).queryParam("cursor", next)
                .when().get("/api/v1/me/requests").then().statusCode(200)
                .body("items.id", contains((int) id)).body("items[0].isPublic", equalTo(false));
        assertFalse(raw.contains(f.worker.username()), raw);
        assertFalse(raw.contains("phone"), raw);
    }

    @Test
    void additionsAreFlowRowsThatNotifyTheHandlerAndAreRefusedOnceClosed() {
        IncidentFixture f = new IncidentFixture();
        long id = report(f, f.resident.token(), true, false, null);
        String photo = IncidentFixture.photo(f.resident.token());
        add(f.resident.token(), id, Map.of()).statusCode(400).body("code", equalTo("INFO_REQUIRED"));
        add(f.resident.token(), id, Map.of("comment", "今天早上又有人差点踩空", "mediaIds", List.of(photo)))
                .statusCode(200)
                .body("status", equalTo("REPORTED"))
                .body("flow.action", contains("REPORT", "ADD_INFO"))
                .body("flow[1].comment", equalTo("今天早上又有人差点踩空"))
                .body("flow[1].mediaIds", contains(photo));
        assertEquals(1, IncidentFixture.intValue("""
                SELECT count(*) FROM notify_outbox o JOIN incident_flow fl ON fl.id = o.flow_id
                WHERE o.incident_id = $1 AND fl.action = 'ADD_INFO' AND o.recipient_id = $2""", id, f.worker.userId()));
        assertEquals(0, IncidentFixture.intValue("""
                SELECT count(*) FROM notify_outbox o JOIN incident_flow fl ON fl.id = o.flow_id
                WHERE o.incident_id = $1 AND fl.action = 'ADD_INFO' AND o.recipient_id = $2""", id, f.resident.userId()));
        f.get(f.worker.token(), id).statusCode(200).body("media.id", hasItem(photo));

        close(f, id);
        int version = IncidentFixture.version(id);
        add(f.resident.token(), id, Map.of("comment", "补充")).statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("REQUEST_ENDED"))
                .body("detail", equalTo("该诉求已办结，不能再补充信息或撤回"));
        withdraw(f.resident.token(), id).statusCode(409).body("code", equalTo("REQUEST_ENDED"));
        assertEquals(version, IncidentFixture.version(id), "nothing written by the refused steps");
    }

    @Test
    void aWithdrawnRequestHasEnded() {
        IncidentFixture f = new IncidentFixture();
        long id = report(f, f.resident.token(), null, null, null);
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        withdraw(f.resident.token(), id).statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("statusName", equalTo("已撤回"))
                .body("allowedActions", org.hamcrest.Matchers.empty())
                .body("flow.action", contains("REPORT", "ACCEPT", "WITHDRAW"));
        withdraw(f.resident.token(), id).statusCode(409).body("code", equalTo("REQUEST_ENDED"))
                .body("detail", equalTo("该诉求已撤回，不能再补充信息或撤回"));
        add(f.resident.token(), id, Map.of("comment", "补充")).statusCode(409).body("code", equalTo("REQUEST_ENDED"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(409)
                .body("code", equalTo("ACTION_NOT_ALLOWED"));
    }

    @Test
    void ratingIsOnceWithinTheWindowAndOnlyByTheReporter() {
        IncidentFixture f = new IncidentFixture();
        long late = report(f, f.resident.token(), null, null, null);
        long id = report(f, f.resident.token(), null, null, null);
        close(f, late);
        close(f, id);
        f.act(f.otherResident.token(), id, "RATE", Map.of("rating", 5)).statusCode(404)
                .body("code", equalTo("INCIDENT_NOT_FOUND"));
        f.act(f.resident.token(), id, "RATE", Map.of("rating", 4, "comment", "不错")).statusCode(200)
                .body("rating.stars", equalTo(4));
        f.act(f.resident.token(), id, "RATE", Map.of("rating", 5)).statusCode(409).body("code", equalTo("ALREADY_RATED"));

        clock.setTo(clock.instant().plus(Duration.ofDays(7)).plus(Duration.ofMinutes(5)));
        mine(f.resident.token(), late).statusCode(200).body("allowedActions", org.hamcrest.Matchers.empty());
        f.act(f.resident.token(), late, "RATE", Map.of("rating", 5)).statusCode(409)
                .body("code", equalTo("RATING_WINDOW_OVER")).body("detail", equalTo("已超过评价期限（办结后 7 天内可评价）"));
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM incident WHERE id = $1 AND rating IS NOT NULL", late));
    }

    @Test
    void aLowRatingOpensExactlyOneRevisitThatStaffRecordAndThatMayReopen() {
        IncidentFixture f = new IncidentFixture();
        long id = report(f, f.resident.token(), null, null, null);
        long happy = report(f, f.resident.token(), null, null, null);
        close(f, id);
        close(f, happy);
        f.act(f.resident.token(), happy, "RATE", Map.of("rating", 3)).statusCode(200);
        f.act(f.resident.token(), id, "RATE", Map.of("rating", 2, "comment", "修得太慢")).statusCode(200);
        f.act(f.resident.token(), id, "RATE", Map.of("rating", 1)).statusCode(409);
        assertEquals(1, IncidentFixture.intValue("SELECT count(*) FROM incident_revisit WHERE incident_id = $1", id));
        assertEquals(0, IncidentFixture.intValue("SELECT count(*) FROM incident_revisit WHERE incident_id = $1", happy));

        long revisit = given().auth().oauth2(f.adminA.token()).queryParam("status", "OPEN")
                .when().get("/api/v1/revisits").then().statusCode(200)
                .body("items.incidentId", contains((int) id))
                .body("items[0].rating", equalTo(2)).body("items[0].ratingComment", equalTo("修得太慢"))
                .body("items[0].dueAt", endsWith("+08:00"))
                .extract().jsonPath().getLong("items[0].id");
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/revisits").then().statusCode(200)
                .body("items.id", not(hasItem((int) revisit)));
        record(f.adminB.token(), revisit, Map.of("outcome", "UNSATISFIED", "reopen", true)).statusCode(404)
                .body("code", equalTo("REVISIT_NOT_FOUND"));
        record(f.worker.token(), revisit, Map.of("outcome", "UNSATISFIED", "reopen", true)).statusCode(403)
                .body("code", equalTo("ACTION_FORBIDDEN"));
        assertEquals(0, IncidentFixture.intValue(
                "SELECT count(*) FROM incident_revisit WHERE id = $1 AND status = 'DONE'", revisit));
        record(f.adminA.token(), revisit, Map.of("outcome", "BAD")).statusCode(400);

        record(f.adminA.token(), revisit, Map.of("outcome", "UNSATISFIED", "note", "井盖仍松动", "reopen", true))
                .statusCode(200).body("status", equalTo("DONE")).body("outcome", equalTo("UNSATISFIED"))
                .body("reopened", equalTo(true)).body("recordedBy", equalTo((int) f.adminA.userId()));
        f.get(f.resident.token(), id).statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("closedAt", nullValue()).body("flow.action", hasItem("REOPEN"));
        record(f.adminA.token(), revisit, Map.of("outcome", "SATISFIED")).statusCode(409)
                .body("code", equalTo("REVISIT_RECORDED"));
        assertEquals(1, IncidentFixture.intValue("SELECT count(*) FROM incident_revisit WHERE incident_id = $1", id));
        assertTrue(IncidentFixture.flowActions(id).contains("REOPEN"));
    }

    static ValidatableResponse record(String token, long revisit, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/revisits/" + revisit + "/record").then();
    }
}
